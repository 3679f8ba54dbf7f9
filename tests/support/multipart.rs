//! Reading `multipart/form-data` bodies (RFC 7578), so the stand-in can take an avatar upload
//! and tests can inspect each part: its name, file name, content type and exact bytes.

/// One part of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// The boundary named in a `multipart/form-data` content type.
pub fn boundary(content_type: &str) -> Option<String> {
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|p| {
        let (key, value) = p.trim().split_once('=')?;
        key.eq_ignore_ascii_case("boundary").then(|| value.trim_matches('"').to_owned())
    })
}

/// The parts of `body`; None when it is not well formed.
pub fn parse(content_type: &str, body: &[u8]) -> Option<Vec<Part>> {
    let delimiter = format!("--{}", boundary(content_type)?).into_bytes();
    let mut parts = Vec::new();
    let mut rest = &body[find(body, &delimiter)? + delimiter.len()..];
    loop {
        if rest.starts_with(b"--") {
            return Some(parts);
        }
        rest = rest.strip_prefix(b"\r\n")?;
        let end = find(rest, &delimiter)?;
        let chunk = rest[..end].strip_suffix(b"\r\n")?;
        parts.push(part(chunk)?);
        rest = &rest[end + delimiter.len()..];
    }
}

fn part(chunk: &[u8]) -> Option<Part> {
    let split = find(chunk, b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&chunk[..split]).into_owned();
    let mut part = Part {
        name: String::new(),
        filename: None,
        content_type: None,
        bytes: chunk[split + 4..].to_vec(),
    };
    for line in head.split("\r\n") {
        let (key, value) = line.split_once(':')?;
        if key.trim().eq_ignore_ascii_case("content-type") {
            part.content_type = Some(value.trim().to_owned());
        } else if key.trim().eq_ignore_ascii_case("content-disposition") {
            for param in value.split(';').skip(1) {
                let Some((k, v)) = param.trim().split_once('=') else { continue };
                let v = v.trim_matches('"').to_owned();
                match k.trim() {
                    "name" => part.name = v,
                    "filename" => part.filename = Some(v),
                    _ => {}
                }
            }
        }
    }
    Some(part)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

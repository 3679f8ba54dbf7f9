//! Hostile answers for the security tests: a server, or a proxy's error page, that echoes the
//! request back (debug endpoints, WAFs and gateways do), with its headers and body.

use super::super::http::{Request, Response};

/// The request's headers as `name: value` lines.
fn header_lines(request: &Request) -> String {
    request.headers.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join("\n")
}

/// An answer of `status` that echoes `request`. A 200 echoes inside the real answer `acted`
/// (under keys no redaction by name knows: `headers`, `X-Auth-Token`, a body as a JSON string);
/// an error echoes in its message, as JSON or as an HTML page.
pub fn echo(request: &Request, status: u16, html: bool, acted: Option<Response>) -> Response {
    let body = request.body_text();
    let headers = header_lines(request);
    if html {
        let page =
            format!("<html><body><h1>{status}</h1><pre>{headers}\n\n{body}</pre></body></html>");
        return Response::text(status, "text/html", &page);
    }
    let echoed = serde_json::json!({
        "headers": request.headers.iter().map(|(k, v)| (k.clone(), v.clone().into())).collect::<serde_json::Map<_, _>>(),
        "X-Auth-Token": request.header("x-auth-token"),
        "body": body,
        "json": serde_json::from_str::<serde_json::Value>(&body).unwrap_or_default(),
    });
    if let Some(acted) = acted {
        let mut answer: serde_json::Value =
            serde_json::from_slice(&acted.body).unwrap_or_else(|_| serde_json::json!({}));
        if let Some(map) = answer.as_object_mut() {
            map.insert("echo".into(), echoed);
        }
        return Response { body: answer.to_string().into_bytes(), ..acted };
    }
    let mut error = serde_json::json!({
        "success": false,
        "error": format!("Invalid request: {body} (headers: {})", headers.replace('\n', "; ")),
        "details": {"echo": echoed},
    });
    if status == 400 {
        error["errorType"] = "invalid-params".into();
    }
    Response::json(status, &error)
}

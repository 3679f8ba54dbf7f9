//! A small HTTP/1.1 server on std's TcpListener, made for fault injection: the handler may ask
//! to drop the connection, hang, send a truncated body or drip bytes, none of which a
//! ready-made server would let us do.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// Path without the query string.
    pub path: String,
    pub query: Option<String>,
    /// Header names in lower case, in arrival order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub peer: SocketAddr,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn json(status: u16, body: &serde_json::Value) -> Self {
        Self {
            status,
            headers: vec![
                ("Content-Type".into(), "application/json".into()),
                ("Cache-Control".into(), "no-store".into()),
                ("Pragma".into(), "no-cache".into()),
            ],
            body: body.to_string().into_bytes(),
        }
    }

    pub fn text(status: u16, content_type: &str, body: &str) -> Self {
        Self {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.as_bytes().to_vec(),
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

/// What to do with a connection after a request was read.
#[derive(Debug, Clone)]
pub enum Reply {
    Send(Response),
    /// Close the connection without answering.
    Drop,
    /// Never answer; close after the given time.
    Hang(Duration),
    /// Send the headers with `Content-Length: declared` and only the body given, then close.
    Truncated {
        response: Response,
        declared: usize,
    },
    /// Send the response one byte at a time with a pause between bytes (with `head_first`,
    /// the headers go at once and only the body drips).
    Drip {
        response: Response,
        every: Duration,
        head_first: bool,
    },
    /// A 200 JSON response of this many bytes, streamed.
    Huge(usize),
}

pub type Handler = Arc<dyn Fn(&Request) -> Reply + Send + Sync>;

pub struct HttpServer {
    pub addr: SocketAddr,
    stop: Arc<AtomicBool>,
}

impl HttpServer {
    pub fn bind(port: u16, handler: Handler) -> std::io::Result<Self> {
        Self::bind_with(port, handler, None)
    }

    /// Serve HTTPS with this rustls configuration instead of plain HTTP.
    pub fn bind_with(
        port: u16,
        handler: Handler,
        tls: Option<Arc<rustls::ServerConfig>>,
    ) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let handler = Arc::clone(&handler);
                let tls = tls.clone();
                thread::spawn(move || {
                    let Ok(peer) = stream.peer_addr() else { return };
                    let _ = stream.set_read_timeout(Some(Duration::from_secs(120)));
                    match tls {
                        None => serve_connection(stream, peer, &handler),
                        Some(config) => {
                            let Ok(session) = rustls::ServerConnection::new(config) else { return };
                            serve_connection(
                                rustls::StreamOwned::new(session, stream),
                                peer,
                                &handler,
                            );
                        }
                    }
                });
            }
        });
        Ok(Self { addr, stop })
    }
}

/// A connection the server can read, write and close: plain TCP or TLS over TCP.
trait Connection: Read + Write {
    fn close(&mut self);
}

impl Connection for TcpStream {
    fn close(&mut self) {
        let _ = self.shutdown(std::net::Shutdown::Both);
    }
}

impl Connection for rustls::StreamOwned<rustls::ServerConnection, TcpStream> {
    fn close(&mut self) {
        self.conn.send_close_notify();
        let _ = self.flush();
        let _ = self.sock.shutdown(std::net::Shutdown::Both);
    }
}

impl Drop for HttpServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

fn serve_connection(stream: impl Connection, peer: SocketAddr, handler: &Handler) {
    let mut reader = BufReader::new(stream);
    loop {
        let Some(request) = read_request(&mut reader, peer) else { return };
        let keep_alive =
            !request.header("connection").is_some_and(|v| v.eq_ignore_ascii_case("close"));
        let reply = handler(&request);
        if !write_reply(reader.get_mut(), reply) || !keep_alive {
            return;
        }
    }
}

fn read_request(reader: &mut BufReader<impl Connection>, peer: SocketAddr) -> Option<Request> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.trim_end().splitn(3, ' ');
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            return None;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        if headers.len() > 100 {
            return None;
        }
    }
    let length: usize = headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .and_then(|(_, value)| value.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length.min(16 * 1024 * 1024)];
    reader.read_exact(&mut body).ok()?;
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path.to_owned(), Some(query.to_owned())),
        None => (target, None),
    };
    Some(Request { method, path, query, headers, body, peer })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

fn head(response: &Response, length: usize) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", response.status, reason(response.status));
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {length}\r\n\r\n"));
    head.into_bytes()
}

/// Write the reply; false when the connection must be closed.
fn write_reply(writer: &mut impl Connection, reply: Reply) -> bool {
    match reply {
        Reply::Send(response) => {
            let mut bytes = head(&response, response.body.len());
            bytes.extend_from_slice(&response.body);
            writer.write_all(&bytes).and_then(|()| writer.flush()).is_ok()
        }
        Reply::Drop => {
            writer.close();
            false
        }
        Reply::Hang(time) => {
            thread::sleep(time);
            false
        }
        Reply::Truncated { response, declared } => {
            let mut bytes = head(&response, declared);
            bytes.extend_from_slice(&response.body);
            let _ = writer.write_all(&bytes);
            let _ = writer.flush();
            writer.close();
            false
        }
        Reply::Drip { response, every, head_first } => {
            let mut bytes = head(&response, response.body.len());
            if head_first {
                if writer.write_all(&bytes).and_then(|()| writer.flush()).is_err() {
                    return false;
                }
                bytes.clear();
            }
            bytes.extend_from_slice(&response.body);
            for byte in bytes {
                if writer.write_all(&[byte]).and_then(|()| writer.flush()).is_err() {
                    return false;
                }
                thread::sleep(every);
            }
            false
        }
        Reply::Huge(size) => {
            let response = Response::json(200, &serde_json::Value::Null);
            if writer.write_all(&head(&response, size)).is_err() {
                return false;
            }
            let _ = writer.write_all(b"{\"pad\":\"");
            let chunk = vec![b'x'; 64 * 1024];
            let mut left = size.saturating_sub(10);
            while left > 0 {
                let n = left.min(chunk.len());
                if writer.write_all(&chunk[..n]).is_err() {
                    return false;
                }
                left -= n;
            }
            let _ = writer.write_all(b"\"}");
            false
        }
    }
}

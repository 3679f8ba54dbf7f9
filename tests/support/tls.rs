//! A throw-away certificate authority and a server certificate for 127.0.0.1 and localhost,
//! so the stand-in server can speak HTTPS in tests (self-signed, private CA, wrong host).

use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

pub struct TestTls {
    /// The CA certificate in PEM, for `--ca-cert` or `SSL_CERT_FILE`.
    pub ca_pem: String,
    pub server_config: Arc<rustls::ServerConfig>,
}

/// A CA, and a server certificate it signed for `names` (IP addresses become IP SANs).
pub fn test_tls(names: &[&str]) -> TestTls {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let ca_key = KeyPair::generate().expect("generate the CA key");
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA parameters");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.distinguished_name.push(DnType::CommonName, "rocketctl test CA");
    ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca_cert = ca_params.self_signed(&ca_key).expect("self-sign the CA");
    let issuer = Issuer::new(ca_params, ca_key);

    let server_key = KeyPair::generate().expect("generate the server key");
    let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
    let server_cert = CertificateParams::new(names)
        .expect("server parameters")
        .signed_by(&server_key, &issuer)
        .expect("sign the server certificate");
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der()));
    let config = rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(vec![server_cert.der().clone(), ca_cert.der().clone()], key)
        .expect("a valid server certificate");
    TestTls { ca_pem: ca_cert.pem(), server_config: Arc::new(config) }
}

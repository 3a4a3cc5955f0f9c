//! Registry authentication: `WWW-Authenticate` challenges (Basic and Bearer), token scopes,
//! and the token exchange (Docker's token protocol, with an OAuth2 refresh-token grant for
//! identity tokens). Tokens and credentials are never logged or put into error messages.

use super::credentials::{Credentials, IDENTITY_TOKEN_USER};
use super::error::HttpError;
use base64::Engine;
use reqwest::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use reqwest::{StatusCode, Url};
use serde_json::Value;

/// How a registry wants to be authenticated, learned from its first 401.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scheme {
    Basic,
    Bearer {
        realm: String,
        service: Option<String>,
    },
}

/// The access a request needs, as token scopes (`repository:NAME:ACTIONS`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Scope(Vec<String>);

impl Scope {
    pub fn pull(repository: &str) -> Self {
        Scope(vec![format!("repository:{repository}:pull")])
    }

    pub fn push(repository: &str) -> Self {
        Scope(vec![format!("repository:{repository}:pull,push")])
    }

    /// Pushing to `dest` while mounting blobs from `source` (same registry).
    pub fn mount(dest: &str, source: &str) -> Self {
        Scope(vec![
            format!("repository:{dest}:pull,push"),
            format!("repository:{source}:pull"),
        ])
    }

    /// The cache key: the scopes space-separated, as in the OAuth2 form.
    pub fn key(&self) -> String {
        self.0.join(" ")
    }
}

/// Parses a `WWW-Authenticate` value: the first challenge's scheme and parameters.
pub fn parse_challenge(value: &str) -> Option<Scheme> {
    let value = value.trim();
    let (scheme, rest) = value.split_once(char::is_whitespace).unwrap_or((value, ""));
    if scheme.eq_ignore_ascii_case("basic") {
        return Some(Scheme::Basic);
    }
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let params = parse_params(rest);
    let get = |k: &str| {
        params
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(k))
            .map(|(_, v)| v.clone())
    };
    Some(Scheme::Bearer {
        realm: get("realm")?,
        service: get("service").filter(|s| !s.is_empty()),
    })
}

/// `key=value, key="quoted \" value"` pairs.
fn parse_params(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace() || *c == ',') {
            chars.next();
        }
        let mut key = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' || c == ',' {
                break;
            }
            key.push(c);
            chars.next();
        }
        if chars.next() != Some('=') {
            return out;
        }
        let mut value = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        if let Some(escaped) = chars.next() {
                            value.push(escaped);
                        }
                    }
                    '"' => break,
                    c => value.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ',' {
                    break;
                }
                value.push(c);
                chars.next();
            }
        }
        out.push((key.trim().to_string(), value.trim().to_string()));
    }
}

/// `Authorization: Basic …` for credentials.
pub fn basic_header(creds: &Credentials) -> Result<HeaderValue, HttpError> {
    let encoded = base64::engine::general_purpose::STANDARD
        .encode(format!("{}:{}", creds.username, creds.secret));
    let mut value = HeaderValue::from_str(&format!("Basic {encoded}"))
        .map_err(|_| HttpError::Protocol("credentials cannot be sent in a header".into()))?;
    value.set_sensitive(true);
    Ok(value)
}

/// `Authorization: Bearer …` for a token.
pub fn bearer_header(token: &str) -> Result<HeaderValue, HttpError> {
    let mut value = HeaderValue::from_str(&format!("Bearer {token}"))
        .map_err(|_| HttpError::Protocol("the token endpoint returned an unusable token".into()))?;
    value.set_sensitive(true);
    Ok(value)
}

/// One token exchange with the realm of a Bearer challenge. An identity token (Docker's
/// `identitytoken`) is an OAuth2 refresh token: it is posted as such, and if the endpoint does
/// not speak OAuth2 (404/405), it is sent as a password like other credentials.
pub async fn fetch_token(
    client: &reqwest::Client,
    realm: &str,
    service: Option<&str>,
    scope: &Scope,
    creds: Option<&Credentials>,
) -> Result<String, HttpError> {
    let realm_url = Url::parse(realm)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .ok_or_else(|| HttpError::Protocol(format!("invalid token realm {realm:?}")))?;
    if let Some(c) = creds.filter(|c| c.username == IDENTITY_TOKEN_USER) {
        let mut form: Vec<(&str, &str)> = vec![
            ("grant_type", "refresh_token"),
            ("refresh_token", &c.secret),
            ("client_id", "kzr"),
        ];
        if let Some(s) = service {
            form.push(("service", s));
        }
        let scope_key = scope.key();
        form.push(("scope", &scope_key));
        let response = client
            .post(realm_url.clone())
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(form_encode(&form))
            .send()
            .await
            .map_err(HttpError::from_reqwest)?;
        if !matches!(
            response.status(),
            StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
        ) {
            return token_from(response).await;
        }
    }
    let mut url = realm_url;
    {
        let mut query = url.query_pairs_mut();
        if let Some(s) = service {
            query.append_pair("service", s);
        }
        for s in &scope.0 {
            query.append_pair("scope", s);
        }
    }
    let mut request = client.get(url);
    if let Some(c) = creds {
        request = request.header(AUTHORIZATION, basic_header(c)?);
    }
    let response = request.send().await.map_err(HttpError::from_reqwest)?;
    token_from(response).await
}

async fn token_from(response: reqwest::Response) -> Result<String, HttpError> {
    let status = response.status();
    match status.as_u16() {
        200..=299 => {}
        401 => return Err(HttpError::Unauthorized),
        403 => return Err(HttpError::Denied),
        _ => return Err(HttpError::from_status(response, "token endpoint").await),
    }
    let body = response.bytes().await.map_err(HttpError::from_reqwest)?;
    let v: Value = serde_json::from_slice(&body)
        .map_err(|_| HttpError::Protocol("the token endpoint did not return JSON".into()))?;
    // Docker's endpoint answers `token`, OAuth2 endpoints `access_token`; some send both.
    ["token", "access_token"]
        .iter()
        .find_map(|k| v.get(*k).and_then(Value::as_str).filter(|t| !t.is_empty()))
        .map(str::to_string)
        .ok_or_else(|| HttpError::Protocol("the token endpoint returned no token".into()))
}

/// `application/x-www-form-urlencoded` (the `url` crate's serializer, through a dummy URL).
fn form_encode(pairs: &[(&str, &str)]) -> String {
    let mut url = Url::parse("http://form.invalid/").expect("a constant URL parses");
    url.query_pairs_mut().extend_pairs(pairs);
    url.query().unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenges() {
        assert_eq!(
            parse_challenge(r#"Basic realm="kzr-test""#),
            Some(Scheme::Basic)
        );
        assert_eq!(
            parse_challenge(
                r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull""#
            ),
            Some(Scheme::Bearer {
                realm: "https://auth.docker.io/token".into(),
                service: Some("registry.docker.io".into())
            })
        );
        assert_eq!(
            parse_challenge(r#"bearer realm=https://r.example/t, error="a \"b\"""#),
            Some(Scheme::Bearer {
                realm: "https://r.example/t".into(),
                service: None
            })
        );
        assert_eq!(parse_challenge("Bearer service=x"), None);
        assert_eq!(parse_challenge("Negotiate"), None);
    }

    #[test]
    fn scopes_and_forms() {
        assert_eq!(
            Scope::mount("a/b", "c").key(),
            "repository:a/b:pull,push repository:c:pull"
        );
        assert_eq!(
            form_encode(&[("scope", "repository:a:pull push"), ("x", "&=")]),
            "scope=repository%3Aa%3Apull+push&x=%26%3D"
        );
    }
}

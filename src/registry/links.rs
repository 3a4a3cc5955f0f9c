//! URLs a registry answers with, resolved against the request URL: the upload session of a
//! `202 Accepted` (`Location`) and the next page of a list (`Link: <…>; rel="next"`).

use super::error::HttpError;
use reqwest::header::{HeaderMap, LINK, LOCATION};
use reqwest::Url;

/// The upload session URL of a `202 Accepted`: `Location`, relative or absolute, possibly
/// with a query (the registry's upload state), resolved against the request URL.
pub(super) fn upload_location(request: &Url, headers: &HeaderMap) -> Result<Url, HttpError> {
    let location = headers
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| HttpError::Protocol("the registry sent no upload Location".into()))?;
    request
        .join(location)
        .map_err(|_| HttpError::Protocol("the registry sent an invalid upload Location".into()))
}

/// The next page of a paginated list: `Link: <URL>; rel="next"`, resolved against `request`.
pub(super) fn next_link(request: &Url, headers: &HeaderMap) -> Option<Url> {
    headers
        .get_all(LINK)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .find_map(|link| {
            let (target, params) = link.split_once(';')?;
            let is_next = params.split(';').any(|p| {
                p.trim()
                    .strip_prefix("rel=")
                    .is_some_and(|r| r.trim_matches('"') == "next")
            });
            let target = target.trim().strip_prefix('<')?.strip_suffix('>')?;
            if is_next {
                request.join(target).ok()
            } else {
                None
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.append(*k, HeaderValue::from_str(v).unwrap());
        }
        map
    }

    #[test]
    fn upload_locations() {
        let post = Url::parse("https://r.example/v2/a/b/blobs/uploads/").unwrap();
        let relative = headers(&[("location", "/v2/a/b/blobs/uploads/u1?_state=xyz")]);
        assert_eq!(
            upload_location(&post, &relative).unwrap().as_str(),
            "https://r.example/v2/a/b/blobs/uploads/u1?_state=xyz"
        );
        let absolute = headers(&[("location", "https://store.example/up/u2?sig=1")]);
        let mut url = upload_location(&post, &absolute).unwrap();
        url.query_pairs_mut().append_pair("digest", "sha256:ab");
        assert_eq!(
            url.as_str(),
            "https://store.example/up/u2?sig=1&digest=sha256%3Aab"
        );
        assert!(upload_location(&post, &HeaderMap::new()).is_err());
    }

    #[test]
    fn tag_pages() {
        let list = Url::parse("http://127.0.0.1:5000/v2/a/tags/list").unwrap();
        let next = headers(&[("link", r#"</v2/a/tags/list?last=v9&n=100>; rel="next""#)]);
        assert_eq!(
            next_link(&list, &next).unwrap().as_str(),
            "http://127.0.0.1:5000/v2/a/tags/list?last=v9&n=100"
        );
        let other = headers(&[("link", r#"<https://docs.example/>; rel="help""#)]);
        assert_eq!(next_link(&list, &other), None);
        assert_eq!(next_link(&list, &HeaderMap::new()), None);
    }
}

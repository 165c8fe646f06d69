//! The real browser: the page's boot data, the local copy of the signed-in user and device id,
//! the language cookie, JSON calls to the server, the service worker's update signal.

use super::{NetError, SignInFailure};
use crate::domain::{DeviceId, SessionUser};
use crate::i18n::{Lang, LANG_COOKIE};
use crate::offline::storage::DeviceStorage;
use crate::session::{
    ApiErrorBody, BootData, ErrorCode, SignInRequest, SignInResponse, BOOT_ELEMENT_ID,
};
use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;

const USER_KEY: &str = "butler.user";
const DEVICE_KEY: &str = "butler.device_id";
const LANG_KEY: &str = "butler.lang";
/// The attribute on `<body>` that marks the offline shell (see the server's `pwa` module).
pub const SHELL_MARKER: &str = "data-butler-shell";

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Whether this page is the offline shell, to be mounted rather than hydrated.
pub fn is_shell() -> bool {
    document()
        .and_then(|d| d.body())
        .is_some_and(|b| b.has_attribute(SHELL_MARKER))
}

pub fn boot_from_page() -> BootData {
    let embedded = document()
        .and_then(|d| d.get_element_by_id(BOOT_ELEMENT_ID))
        .and_then(|e| e.text_content())
        .and_then(|json| serde_json::from_str::<BootData>(&json).ok());
    match embedded {
        Some(boot) => {
            if let Some(user) = &boot.user {
                let device = boot.device_id.unwrap_or_else(device_id);
                remember_user(user, device);
            }
            boot
        }
        None => BootData {
            user: LocalStorage::get(USER_KEY).ok(),
            device_id: LocalStorage::get(DEVICE_KEY).ok(),
            lang: lang_from_cookie(),
        },
    }
}

fn lang_from_cookie() -> Lang {
    let cookie = document()
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| d.cookie().ok())
        .unwrap_or_default();
    if cookie.contains(LANG_COOKIE) {
        Lang::from_cookie_header(&cookie)
    } else {
        LocalStorage::get(LANG_KEY).unwrap_or_default()
    }
}

/// Keeps the signed-in user and device for the offline start and the route guards, and
/// the device under the user's name, so that each person sharing a phone keeps one device id
/// (and one sequence of mutations) across sign-ins.
pub fn remember_user(user: &SessionUser, device: DeviceId) {
    // A full local storage loses only this convenience copy; the server still knows the user.
    let _ = LocalStorage::set(USER_KEY, user);
    let _ = LocalStorage::set(DEVICE_KEY, device);
    let _ = LocalStorage::set(device_key_of(&user.username), device);
}

fn device_key_of(username: &str) -> String {
    format!("butler.device.{}", username.trim().to_lowercase())
}

/// The device id this browser uses for a user: theirs from an earlier sign-in, or a new one.
fn device_for(username: &str) -> DeviceId {
    LocalStorage::get(device_key_of(username)).unwrap_or_else(|_| DeviceId::new_v7())
}

/// Forgets the signed-in user (sign-out). The device id stays: it is this browser's.
pub fn forget_user() {
    LocalStorage::delete(USER_KEY);
}

/// This browser's device id, made on first use.
pub fn device_id() -> DeviceId {
    LocalStorage::get(DEVICE_KEY).unwrap_or_else(|_| {
        let id = DeviceId::new_v7();
        let _ = LocalStorage::set(DEVICE_KEY, id);
        id
    })
}

/// Switches the language: the cookie for the server, a copy for the shell, `<html lang>`.
pub fn store_lang(lang: Lang) {
    if let Some(doc) = document() {
        if let Some(html) = doc.document_element() {
            let _ = html.set_attribute("lang", lang.tag());
        }
        if let Ok(doc) = doc.dyn_into::<web_sys::HtmlDocument>() {
            let _ = doc.set_cookie(&format!(
                "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
                lang.tag()
            ));
        }
    }
    let _ = LocalStorage::set(LANG_KEY, lang);
}

/// A request body: JSON text, JSON gzip-compressed by the browser, or a photo to PUT.
enum Body {
    Json(String),
    GzipJson(js_sys::Uint8Array),
    Jpeg(js_sys::Uint8Array),
}

/// Gzips text with the browser's `CompressionStream`; `None` where the browser has none
/// (Safari before 16.4), and the caller sends it plain.
async fn gzip(text: &str) -> Option<js_sys::Uint8Array> {
    use wasm_bindgen_futures::JsFuture;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let blob = web_sys::Blob::new_with_str_sequence(&parts).ok()?;
    // `new CompressionStream("gzip")`, through Reflect: web-sys has it only behind
    // `web_sys_unstable_apis`.
    let ctor: js_sys::Function =
        js_sys::Reflect::get(&js_sys::global(), &"CompressionStream".into())
            .ok()?
            .dyn_into()
            .ok()?;
    let gz = js_sys::Reflect::construct(&ctor, &js_sys::Array::of1(&"gzip".into())).ok()?;
    let stream = blob.stream().pipe_through(gz.unchecked_ref());
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&stream)).ok()?;
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer))
}

/// Sends a request with the session cookie; returns the status and the body text.
/// How long a request may take, answer included, before it is given up as unreachable: a
/// connection that stalls (a phone in a basement, a lift) never answers nor fails, and would
/// hold the sync — and every tab waiting for its lock — until the browser gave up minutes later.
/// A push given up after the server committed it is answered from the stored outcomes when
/// retried.
const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(45);
/// Photos are up to a few MB on a slow uplink.
const UPLOAD_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(180);

async fn fetch_text(url: &str, body: Option<Body>) -> Result<(u16, String), NetError> {
    let limit = match body {
        Some(Body::Jpeg(_)) => UPLOAD_TIMEOUT,
        _ => REQUEST_TIMEOUT,
    };
    let controller = web_sys::AbortController::new().map_err(|_| NetError::Unreachable)?;
    let abort = controller.clone();
    let timer = leptos::prelude::set_timeout_with_handle(move || abort.abort(), limit).ok();
    let result = fetch_with(url, body, &controller.signal()).await;
    if let Some(t) = timer {
        t.clear();
    }
    result
}

async fn fetch_with(
    url: &str,
    body: Option<Body>,
    signal: &web_sys::AbortSignal,
) -> Result<(u16, String), NetError> {
    use wasm_bindgen_futures::JsFuture;
    let init = web_sys::RequestInit::new();
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    init.set_signal(Some(signal));
    match body {
        Some(body) => {
            init.set_method("POST");
            let headers = web_sys::Headers::new().map_err(|_| NetError::Unreachable)?;
            let _ = headers.set("content-type", "application/json");
            match body {
                Body::Json(json) => init.set_body(&wasm_bindgen::JsValue::from_str(&json)),
                Body::GzipJson(bytes) => {
                    let _ = headers.set("content-encoding", "gzip");
                    init.set_body(&bytes);
                }
                Body::Jpeg(bytes) => {
                    init.set_method("PUT");
                    let _ = headers.set("content-type", "image/jpeg");
                    init.set_body(&bytes);
                }
            }
            init.set_headers(&headers);
        }
        None => init.set_method("GET"),
    }
    let request =
        web_sys::Request::new_with_str_and_init(url, &init).map_err(|_| NetError::Unreachable)?;
    let window = web_sys::window().ok_or(NetError::Unreachable)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| NetError::Unreachable)?
        .dyn_into()
        .map_err(|_| NetError::Unreachable)?;
    let text = JsFuture::from(response.text().map_err(|_| NetError::Unreachable)?)
        .await
        .map_err(|_| NetError::Unreachable)?
        .as_string()
        .unwrap_or_default();
    Ok((response.status(), text))
}

/// POSTs JSON with the session cookie; returns the status and the body text.
pub async fn post_json<T: serde::Serialize>(
    url: &str,
    body: &T,
) -> Result<(u16, String), NetError> {
    let json = serde_json::to_string(body).map_err(|_| NetError::Unreachable)?;
    fetch_text(url, Some(Body::Json(json))).await
}

/// Like [`post_json`], gzip-compressed where the browser can (sync pushes: about a tenth of
/// the bytes over a phone's connection).
pub async fn post_json_gzip<T: serde::Serialize>(
    url: &str,
    body: &T,
) -> Result<(u16, String), NetError> {
    let json = serde_json::to_string(body).map_err(|_| NetError::Unreachable)?;
    let body = match gzip(&json).await {
        Some(bytes) => Body::GzipJson(bytes),
        None => Body::Json(json),
    };
    fetch_text(url, Some(body)).await
}

/// PUTs a JPEG with the session cookie; returns the status and the body text.
pub async fn put_jpeg(url: &str, bytes: &[u8]) -> Result<(u16, String), NetError> {
    fetch_text(url, Some(Body::Jpeg(js_sys::Uint8Array::from(bytes)))).await
}

/// GETs with the session cookie; returns the status and the body text.
pub async fn get_text(url: &str) -> Result<(u16, String), NetError> {
    fetch_text(url, None).await
}

/// Signs in: on success the user and device are remembered for the offline start.
pub async fn sign_in(username: String, password: String) -> Result<SignInResponse, SignInFailure> {
    let request = SignInRequest {
        device_id: Some(device_for(&username)),
        username,
        password,
    };
    let (status, body) = post_json("/api/v1/auth/sign-in", &request)
        .await
        .map_err(|_| SignInFailure::Unreachable)?;
    if status == 200 {
        let ok: SignInResponse =
            serde_json::from_str(&body).map_err(|_| SignInFailure::Refused(internal()))?;
        remember_user(&ok.user, ok.device_id);
        Ok(ok)
    } else {
        Err(SignInFailure::Refused(
            serde_json::from_str(&body).unwrap_or_else(|_| internal()),
        ))
    }
}

fn internal() -> ApiErrorBody {
    ApiErrorBody::new(ErrorCode::Internal)
}

/// Signs out on the server, then forgets the user here. Needs the network: the session must
/// end on the server too.
pub async fn sign_out() -> Result<(), NetError> {
    let (status, _) = post_json("/api/v1/auth/sign-out", &()).await?;
    if status < 500 {
        forget_user();
        Ok(())
    } else {
        Err(NetError::Unreachable)
    }
}

fn window_flag(name: &str) -> wasm_bindgen::JsValue {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &wasm_bindgen::JsValue::from_str(name)).ok())
        .unwrap_or(wasm_bindgen::JsValue::UNDEFINED)
}

/// Whether the browser believes it is online.
pub fn is_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// The browser as it introduces itself (its user agent), empty if it does not say.
pub fn user_agent() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default()
}

/// Whether this is WeChat's in-app browser, which cannot host an offline app.
pub fn in_wechat() -> bool {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .is_some_and(|ua| ua.contains("MicroMessenger"))
}

/// Whether a new build's service worker is installed and waiting (set by `sw-register.js`).
pub fn update_waiting() -> bool {
    window_flag("butlerUpdateWaiting").is_truthy()
}

/// Lets the waiting service worker take over; the page reloads when it has.
pub fn apply_update() {
    if let Ok(f) = window_flag("butlerApplyUpdate").dyn_into::<js_sys::Function>() {
        let _ = f.call0(&wasm_bindgen::JsValue::NULL);
    }
}

/// Calls a method that returns a promise and awaits it; `None` if there is no such method or
/// the promise was rejected.
async fn await_method(
    target: &wasm_bindgen::JsValue,
    method: &str,
) -> Option<wasm_bindgen::JsValue> {
    let f = js_sys::Reflect::get(target, &method.into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let promise = f.call0(target).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()
}

/// What the browser says of this site's storage (persisted, used and allowed bytes) and how the
/// app runs (installed, on an iPhone, an install offered — kept by `sw-register.js`).
pub async fn device_storage() -> DeviceStorage {
    let Some(w) = web_sys::window() else {
        return DeviceStorage::default();
    };
    let nav = w.navigator();
    let mut out = DeviceStorage::default();
    let storage = js_sys::Reflect::get(&nav, &"storage".into())
        .ok()
        .filter(|s| s.is_object());
    if let Some(storage) = storage {
        out.persisted = await_method(&storage, "persisted")
            .await
            .and_then(|v| v.as_bool());
        if let Some(estimate) = await_method(&storage, "estimate").await {
            let field = |name: &str| {
                js_sys::Reflect::get(&estimate, &name.into())
                    .ok()
                    .and_then(|v| v.as_f64())
            };
            out.usage = field("usage").zip(field("quota"));
        }
    }
    let standalone = w
        .match_media("(display-mode: standalone)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    // Safari's own flag for a home-screen app.
    let ios_standalone =
        js_sys::Reflect::get(&nav, &"standalone".into()).is_ok_and(|v| v.is_truthy());
    out.installed = standalone || ios_standalone;
    let ua = nav.user_agent().unwrap_or_default();
    // iPadOS presents itself as a Mac; a Mac has no touch points.
    out.ios = ua.contains("iPhone")
        || ua.contains("iPad")
        || ua.contains("iPod")
        || (ua.contains("Macintosh")
            && js_sys::Reflect::get(&nav, &"maxTouchPoints".into())
                .ok()
                .and_then(|v| v.as_f64())
                .is_some_and(|n| n > 1.0));
    out.can_prompt = window_flag("butlerInstallPrompt").is_object();
    out
}

/// Shows the browser's own install dialog (offered once, by `beforeinstallprompt`); whether
/// the user accepted.
pub async fn prompt_install() -> bool {
    let event = window_flag("butlerInstallPrompt");
    if !event.is_object() {
        return false;
    }
    // A prompt can be shown only once: forget it whatever the answer.
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(
            &w,
            &"butlerInstallPrompt".into(),
            &wasm_bindgen::JsValue::UNDEFINED,
        );
    }
    let _ = await_method(&event, "prompt").await;
    let choice = match js_sys::Reflect::get(&event, &"userChoice".into())
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
    {
        Some(p) => wasm_bindgen_futures::JsFuture::from(p).await.ok(),
        None => None,
    };
    choice
        .and_then(|c| js_sys::Reflect::get(&c, &"outcome".into()).ok())
        .and_then(|o| o.as_string())
        .is_some_and(|o| o == "accepted")
}

/// Asks the browser to keep this site's records (`navigator.storage.persist()`, from a tap:
/// Firefox asks the user, Chromium decides by itself). `Some(true)` when it agreed, `None`
/// when the browser cannot be asked.
pub async fn request_persistence() -> Option<bool> {
    let nav = web_sys::window()?.navigator();
    let storage = js_sys::Reflect::get(&nav, &"storage".into())
        .ok()
        .filter(|s| s.is_object())?;
    await_method(&storage, "persist").await?.as_bool()
}

thread_local! {
    static READY: leptos::prelude::ArcRwSignal<bool> = leptos::prelude::ArcRwSignal::new(false);
}

/// Whether the page is running: hydrated or mounted (tracked in effects). What changes the
/// screens' data — the local store, the directory — waits for it: a page loaded on demand
/// hydrates after its code has arrived, and a record read before then would draw another
/// page than the server rendered (a hydration mismatch).
pub fn is_ready() -> bool {
    use leptos::prelude::Get;
    READY.with(|r| r.get())
}

/// Marks the page as running (hydrated or mounted): `<html data-butler-ready>`, and a
/// `butler-ready` event on the window. Tests wait for the attribute; `sw-register.js` waits for
/// the event to register the service worker, so that its precache of every chunk does not
/// compete with the page's own downloads.
pub fn mark_ready() {
    READY.with(|r| leptos::prelude::Set::set(r, true));
    if let Some(html) = document().and_then(|d| d.document_element()) {
        let _ = html.set_attribute("data-butler-ready", "");
    }
    if let (Some(w), Ok(e)) = (web_sys::window(), web_sys::Event::new("butler-ready")) {
        let _ = w.dispatch_event(&e);
    }
}

/// Scrolls the element with this id into view and focuses its first button or field.
pub fn scroll_to(id: &str) {
    let Some(el) = document().and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    el.scroll_into_view();
    if let Ok(Some(target)) = el.query_selector("button, input, textarea, select") {
        if let Ok(target) = target.dyn_into::<web_sys::HtmlElement>() {
            let _ = target.focus();
        }
    }
}

/// Milliseconds on the page's clock (`performance.now()`).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Records a User Timing measure from `start` to now, which benchmarks read.
pub fn measure(name: &str, start: f64) {
    let Some(perf) = web_sys::window().and_then(|w| w.performance()) else {
        return;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &options,
        &"start".into(),
        &wasm_bindgen::JsValue::from_f64(start),
    );
    let _ = js_sys::Reflect::set(
        &options,
        &"end".into(),
        &wasm_bindgen::JsValue::from_f64(perf.now()),
    );
    if let Ok(f) = js_sys::Reflect::get(&perf, &"measure".into())
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    {
        let _ = f.call2(&perf, &wasm_bindgen::JsValue::from_str(name), &options);
    }
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

const DIRECTORY_KEY: &str = "butler.directory";

/// Staff and clusters from the server, or the copy kept from the last time.
pub async fn load_directory() -> Option<crate::session::Directory> {
    if let Ok((200, body)) = get_text("/api/v1/directory").await {
        if let Ok(d) = serde_json::from_str::<crate::session::Directory>(&body) {
            let _ = LocalStorage::set(DIRECTORY_KEY, &d);
            return Some(d);
        }
    }
    LocalStorage::get(DIRECTORY_KEY).ok()
}

/// Uploads the file chosen in a file input as the body of a POST to `url?name=<its name>`,
/// reporting the percentage sent as it goes (XMLHttpRequest: fetch reports no upload
/// progress). Returns the status and the body text.
pub async fn upload_input(
    url: &str,
    ev: &leptos::ev::Event,
    on_progress: impl Fn(u32) + 'static,
) -> Result<(u16, String), NetError> {
    let input: web_sys::HtmlInputElement = ev
        .target()
        .and_then(|t| t.dyn_into().ok())
        .ok_or(NetError::Unreachable)?;
    upload_file(url, &input, on_progress).await
}

/// Uploads the file chosen in `input` as [`upload_input`] does: a page that previews a file and
/// then imports it sends the same file twice.
pub async fn upload_file(
    url: &str,
    input: &web_sys::HtmlInputElement,
    on_progress: impl Fn(u32) + 'static,
) -> Result<(u16, String), NetError> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen_futures::JsFuture;
    let file = input
        .files()
        .and_then(|f| f.get(0))
        .ok_or(NetError::Unreachable)?;
    let name: String = js_sys::encode_uri_component(&file.name()).into();
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| NetError::Unreachable)?;
    xhr.open("POST", &format!("{url}?name={name}"))
        .map_err(|_| NetError::Unreachable)?;
    let _ = xhr.set_request_header("content-type", "application/octet-stream");
    let progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                on_progress((e.loaded() / e.total() * 100.0).round() as u32);
            }
        });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        xhr.set_onload(Some(&resolve));
        xhr.set_onerror(Some(&reject));
        xhr.set_onabort(Some(&reject));
    });
    xhr.send_with_opt_blob(Some(&file))
        .map_err(|_| NetError::Unreachable)?;
    JsFuture::from(done)
        .await
        .map_err(|_| NetError::Unreachable)?;
    drop(progress);
    let status = xhr.status().map_err(|_| NetError::Unreachable)?;
    let text = xhr.response_text().ok().flatten().unwrap_or_default();
    Ok((status, text))
}

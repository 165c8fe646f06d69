//! The phone's camera on a round (issue 18): 扫码 opens the back camera in the card, reads
//! frames until a QR code is found — with the browser's `BarcodeDetector` where there is one,
//! else with the decoder chunk (`places::decoder`, fetched the first time and kept offline) —
//! and hands the code to the check-in, as a hand scanner's typing would. And the phone's
//! position while a round is open, for the check-in to record when the phone gives one.

use crate::domain::place::Position;
use crate::i18n::{tr, use_i18n, Msg};
use leptos::prelude::*;

/// How long a position fix stays good for a check-in.
pub const POSITION_MAX_AGE_MS: f64 = 60_000.0;

/// 扫码: the camera's view and its state; `on_code` receives the first code read.
#[component]
pub fn CameraScan(on_code: Callback<String>) -> impl IntoView {
    #[cfg(not(feature = "hydrate"))]
    let _ = on_code;
    let lang = use_i18n().lang;
    let open = RwSignal::new(false);
    let note = RwSignal::new(None::<Msg>);
    let video = NodeRef::<leptos::html::Video>::new();
    // Each opening's number: closing moves it on, which ends that opening's reading loop.
    let session = RwSignal::new(0u32);
    let close = move || {
        session.update(|n| *n += 1);
        open.set(false);
        #[cfg(feature = "hydrate")]
        if let Some(v) = video.try_get_untracked().flatten() {
            web::stop(&v);
        }
    };
    on_cleanup(close);
    let start = move |_| {
        if open.get_untracked() {
            return;
        }
        session.update(|n| *n += 1);
        open.set(true);
        note.set(Some(Msg::CameraStarting));
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(web::read_until_found(
            session,
            session.get_untracked(),
            video,
            note,
            on_code,
            close,
        ));
    };
    view! {
        <div class="camera-scan">
            <button type="button" class="btn secondary" data-testid="camera-open" on:click=start>
                {tr(Msg::CameraOpen)}
            </button>
            <Show when=move || open.get()>
                <div class="camera">
                    <video node_ref=video data-testid="camera-video" playsinline="" muted=""></video>
                    <button type="button" class="btn secondary" data-testid="camera-close" on:click=move |_| close()>
                        {tr(Msg::CameraClose)}
                    </button>
                </div>
            </Show>
            <Show when=move || note.get().is_some()>
                <p class="muted small" role="status" data-testid="camera-note">
                    {move || note.get().map(|m| m.text(lang.get()))}
                </p>
            </Show>
        </div>
    }
}

/// The phone's latest position while the calling view lives (the browser asks once for leave):
/// `(position, when in ms since the epoch)`. Nothing where there is no location service or it
/// is refused; the check-in then records none.
pub fn watch_position() -> ReadSignal<Option<(Position, f64)>> {
    let (fix, set_fix) = signal(None::<(Position, f64)>);
    #[cfg(feature = "hydrate")]
    {
        let watch = StoredValue::new_local(web::PositionWatch::start(move |p, at| {
            set_fix.set(Some((p, at)))
        }));
        on_cleanup(move || watch.update_value(|w| *w = None));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = set_fix;
    fix
}

/// Has the service worker fetch and keep the decoder's chunk ahead (a round's screen opened),
/// so that the camera reads codes in a basement later: the worker does it quietly, and tries
/// again next time if the server could not be reached. Nothing where the browser reads codes
/// itself.
pub fn preload_decoder() {
    #[cfg(feature = "hydrate")]
    web::keep_decoder();
}

#[cfg(feature = "hydrate")]
mod web {
    use super::super::decoder::{on_demand_qr_decode, DecoderMissing};
    use crate::domain::place::Position;
    use crate::i18n::Msg;
    use leptos::prelude::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    /// The longest side of a frame handed to the decoder.
    const FRAME_SIDE: f64 = 800.0;
    /// Between two frames read.
    const FRAME_INTERVAL_MS: i32 = 250;

    /// Opens the camera, reads frames until a code is found or the opening is closed.
    pub async fn read_until_found(
        session: RwSignal<u32>,
        this: u32,
        video: NodeRef<leptos::html::Video>,
        note: RwSignal<Option<Msg>>,
        on_code: Callback<String>,
        close: impl Fn() + Copy + 'static,
    ) {
        // False too once the card is gone (its signals disposed: a screen left mid-scan).
        let live = move || session.try_get_untracked() == Some(this);
        let stream = match open_camera().await {
            Ok(s) => s,
            Err(_) => {
                if live() {
                    close();
                    note.set(Some(Msg::CameraUnavailable));
                }
                return;
            }
        };
        // The <video> is drawn once `open` is set; wait a frame or two for it.
        let mut element = None;
        for _ in 0..20 {
            element = video.try_get_untracked().flatten();
            if element.is_some() || !live() {
                break;
            }
            sleep(50).await;
        }
        let Some(element) = element.filter(|_| live()) else {
            stop_stream(&stream);
            return;
        };
        element.set_muted(true);
        element.set_src_object(Some(&stream));
        if let Ok(p) = element.play() {
            let _ = JsFuture::from(p).await;
        }
        let detector = match Detector::new().await {
            Ok(d) => d,
            Err(DecoderMissing) => {
                if live() {
                    close();
                    note.set(Some(Msg::CameraDecoderMissing));
                }
                return;
            }
        };
        note.set(Some(Msg::CameraLooking));
        while live() {
            if let Some(code) = detector.read(&element).await {
                if live() {
                    close();
                    note.set(None);
                    on_code.run(code);
                }
                return;
            }
            sleep(FRAME_INTERVAL_MS).await;
        }
    }

    async fn open_camera() -> Result<web_sys::MediaStream, JsValue> {
        let window = web_sys::window().ok_or(JsValue::NULL)?;
        let devices = window.navigator().media_devices()?;
        let video = js_sys::Object::new();
        js_sys::Reflect::set(&video, &"facingMode".into(), &"environment".into())?;
        let constraints = web_sys::MediaStreamConstraints::new();
        constraints.set_video(&video);
        constraints.set_audio(&JsValue::FALSE);
        let stream = JsFuture::from(devices.get_user_media_with_constraints(&constraints)?).await?;
        stream.dyn_into()
    }

    fn stop_stream(stream: &web_sys::MediaStream) {
        for track in stream.get_tracks().iter() {
            if let Ok(t) = track.dyn_into::<web_sys::MediaStreamTrack>() {
                t.stop();
            }
        }
    }

    /// Turns the camera off.
    pub fn stop(video: &web_sys::HtmlVideoElement) {
        if let Some(stream) = video.src_object() {
            stop_stream(&stream);
        }
        video.set_src_object(None);
    }

    /// What reads the frames.
    enum Detector {
        /// The browser's `BarcodeDetector` for QR codes.
        Native(JsValue),
        /// The decoder chunk, fed through a canvas.
        Decoder(web_sys::HtmlCanvasElement),
    }

    fn native_detector() -> Option<JsValue> {
        let window = web_sys::window()?;
        let ctor = js_sys::Reflect::get(&window, &"BarcodeDetector".into()).ok()?;
        let ctor: js_sys::Function = ctor.dyn_into().ok()?;
        let options = js_sys::Object::new();
        let formats = js_sys::Array::of1(&"qr_code".into());
        js_sys::Reflect::set(&options, &"formats".into(), &formats).ok()?;
        js_sys::Reflect::construct(&ctor, &js_sys::Array::of1(&options)).ok()
    }

    impl Detector {
        async fn new() -> Result<Detector, DecoderMissing> {
            if let Some(native) = native_detector() {
                return Ok(Detector::Native(native));
            }
            on_demand_qr_decode(0, 0, Vec::new()).await?;
            let canvas = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.create_element("canvas").ok())
                .and_then(|c| c.dyn_into().ok())
                .ok_or(DecoderMissing)?;
            Ok(Detector::Decoder(canvas))
        }

        async fn read(&self, video: &web_sys::HtmlVideoElement) -> Option<String> {
            let (vw, vh) = (
                f64::from(video.video_width()),
                f64::from(video.video_height()),
            );
            if vw < 1.0 || vh < 1.0 {
                return None;
            }
            match self {
                Detector::Native(detector) => {
                    let detect: js_sys::Function = js_sys::Reflect::get(detector, &"detect".into())
                        .ok()?
                        .dyn_into()
                        .ok()?;
                    let found: js_sys::Promise =
                        detect.call1(detector, video).ok()?.dyn_into().ok()?;
                    let found = js_sys::Array::from(&JsFuture::from(found).await.ok()?);
                    js_sys::Reflect::get(&found.get(0), &"rawValue".into())
                        .ok()?
                        .as_string()
                }
                Detector::Decoder(canvas) => {
                    let scale = (FRAME_SIDE / vw.max(vh)).min(1.0);
                    let (w, h) = ((vw * scale).round(), (vh * scale).round());
                    canvas.set_width(w as u32);
                    canvas.set_height(h as u32);
                    let ctx: web_sys::CanvasRenderingContext2d =
                        canvas.get_context("2d").ok()??.dyn_into().ok()?;
                    ctx.draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, w, h)
                        .ok()?;
                    let rgba = ctx.get_image_data(0.0, 0.0, w, h).ok()?.data().0;
                    on_demand_qr_decode(w as u32, h as u32, rgba)
                        .await
                        .ok()
                        .flatten()
                }
            }
        }
    }

    /// Asks the service worker to keep the on-demand chunks, if this browser will need them.
    pub fn keep_decoder() {
        if native_detector().is_some() {
            return;
        }
        let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &k.into()).ok();
        let Some(navigator) = web_sys::window().map(|w| JsValue::from(w.navigator())) else {
            return;
        };
        let Some(worker) = get(&navigator, "serviceWorker")
            .and_then(|c| get(&c, "controller"))
            .filter(|w| w.is_object())
        else {
            return;
        };
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"KEEP_ON_DEMAND".into());
        if let Some(post) =
            get(&worker, "postMessage").and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        {
            let _ = post.call1(&worker, &message);
        }
    }

    async fn sleep(ms: i32) {
        let wait = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
            }
        });
        let _ = JsFuture::from(wait).await;
    }

    /// A `watchPosition` that is cleared when dropped.
    pub struct PositionWatch {
        id: i32,
        _on_fix: Closure<dyn Fn(JsValue)>,
    }

    impl PositionWatch {
        pub fn start(on_fix: impl Fn(Position, f64) + 'static) -> Option<PositionWatch> {
            let geo = web_sys::window()?.navigator().geolocation().ok()?;
            // A `GeolocationPosition`, read by name (web-sys types it only as unstable).
            let callback = Closure::<dyn Fn(JsValue)>::new(move |fix: JsValue| {
                let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &k.into()).ok();
                let coords = get(&fix, "coords").unwrap_or(JsValue::UNDEFINED);
                let number = |k| get(&coords, k).and_then(|v| v.as_f64());
                let at = get(&fix, "timestamp").and_then(|v| v.as_f64());
                if let (Some(lat), Some(lon), Some(at)) =
                    (number("latitude"), number("longitude"), at)
                {
                    if let Some(p) = Position::from_degrees(lat, lon) {
                        on_fix(p, at);
                    }
                }
            });
            let options = web_sys::PositionOptions::new();
            options.set_enable_high_accuracy(true);
            options.set_maximum_age(30_000);
            let id = geo
                .watch_position_with_error_callback_and_options(
                    callback.as_ref().unchecked_ref(),
                    None,
                    &options,
                )
                .ok()?;
            Some(PositionWatch {
                id,
                _on_fix: callback,
            })
        }
    }

    impl Drop for PositionWatch {
        fn drop(&mut self) {
            if let Some(geo) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) {
                geo.clear_watch(self.id);
            }
        }
    }
}

//! Photos from the camera or the phone's files: decoded by the browser, shrunk to at most
//! 1600 px on the longest side as JPEG, with a 320 px thumbnail, and hashed (SHA-256, in Rust)
//! before any IndexedDB transaction opens.

use super::idb::Photo;
use sha2::{Digest, Sha256};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

const LONGEST: u32 = 1600;
const THUMB: u32 = 320;

/// The photo chosen in a file input (`<input type=file accept=image/*>`), ready to keep.
pub async fn from_input(ev: &web_sys::Event) -> Result<Photo, JsValue> {
    let input: web_sys::HtmlInputElement = ev
        .target()
        .ok_or("no target")?
        .dyn_into()
        .map_err(|_| "not an input")?;
    let file = input
        .files()
        .and_then(|f| f.get(0))
        .ok_or("no file chosen")?;
    let window = web_sys::window().ok_or("no window")?;
    let bitmap: web_sys::ImageBitmap = JsFuture::from(window.create_image_bitmap_with_blob(&file)?)
        .await?
        .dyn_into()?;
    let bytes = encode(&bitmap, LONGEST, 0.82).await?;
    let thumb = encode(&bitmap, THUMB, 0.7).await?;
    bitmap.close();
    // The same file may be chosen again for another item.
    input.set_value("");
    let sha = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(Photo { sha, bytes, thumb })
}

async fn encode(
    bitmap: &web_sys::ImageBitmap,
    longest: u32,
    quality: f64,
) -> Result<Vec<u8>, JsValue> {
    let (w, h) = (bitmap.width().max(1), bitmap.height().max(1));
    let scale = (f64::from(longest) / f64::from(w.max(h))).min(1.0);
    let cw = (f64::from(w) * scale).round().max(1.0);
    let ch = (f64::from(h) * scale).round().max(1.0);
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    canvas.set_width(cw as u32);
    canvas.set_height(ch as u32);
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or("no 2d context")?
        .dyn_into()?;
    // JPEG has no transparency: a white page behind a PNG with an alpha channel.
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, cw, ch);
    ctx.draw_image_with_image_bitmap_and_dw_and_dh(bitmap, 0.0, 0.0, cw, ch)?;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let callback = Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        let _ = canvas.to_blob_with_type_and_encoder_options(
            callback.unchecked_ref(),
            "image/jpeg",
            &JsValue::from_f64(quality),
        );
    });
    let blob: web_sys::Blob = JsFuture::from(promise).await?.dyn_into()?;
    let buffer = JsFuture::from(blob.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

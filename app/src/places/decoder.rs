//! The camera's QR decoder (issue 18), for browsers without `BarcodeDetector` (Chromium on
//! Linux, Firefox, most WebViews): `rqrr` on a grey image made from a camera frame. In a split
//! build it is a chunk of its own (`qr_decoder`), fetched when the scanner first opens and kept
//! by the service worker from then on, so the first visit does not carry it.

/// The longest side of a frame the decoder takes (the camera's frames are drawn smaller).
pub const MAX_FRAME_SIDE: u32 = 1280;

/// The decoder's chunk could not be fetched (offline before it was ever used).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecoderMissing;

#[cfg(feature = "hydrate")]
impl From<leptos::wasm_split::SplitLoaderError> for DecoderMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        DecoderMissing
    }
}

/// The text of the first QR code found in an RGBA frame (`width × height × 4` bytes), if any.
/// A frame of another size, empty, or larger than [`MAX_FRAME_SIDE`] finds nothing.
pub fn decode_rgba(width: u32, height: u32, rgba: &[u8]) -> Option<String> {
    if width == 0 || height == 0 || width > MAX_FRAME_SIDE || height > MAX_FRAME_SIDE {
        return None;
    }
    let (w, h) = (width as usize, height as usize);
    if rgba.len() != w * h * 4 {
        return None;
    }
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
        let i = (y * w + x) * 4;
        let (r, g, b) = (
            u32::from(rgba[i]),
            u32::from(rgba[i + 1]),
            u32::from(rgba[i + 2]),
        );
        ((r * 77 + g * 150 + b * 29) >> 8) as u8
    });
    image
        .detect_grids()
        .iter()
        .find_map(|grid| grid.decode().ok().map(|(_, text)| text))
}

/// [`decode_rgba`] behind the split point: the first call fetches the chunk (an `Err` when it
/// cannot be had); a 0 × 0 frame fetches it and finds nothing.
#[cfg(feature = "hydrate")]
#[leptos::wasm_split::wasm_split(qr_decoder, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn on_demand_qr_decode(
    width: u32,
    height: u32,
    rgba: Vec<u8>,
) -> Result<Option<String>, DecoderMissing> {
    Ok(decode_rgba(width, height, &rgba))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A QR code of `text` drawn black on white, `scale` pixels a module, with a quiet zone,
    /// in the middle of a `side × side` RGBA frame.
    fn frame(text: &str, scale: usize, side: usize) -> Vec<u8> {
        let code = qrcode::QrCode::new(text.as_bytes()).expect("a label's code fits a QR code");
        let modules = code.width();
        let colors = code.to_colors();
        let offset = (side - modules * scale) / 2;
        let mut rgba = vec![255u8; side * side * 4];
        for y in 0..modules * scale {
            for x in 0..modules * scale {
                if colors[(y / scale) * modules + x / scale] == qrcode::Color::Dark {
                    let i = ((y + offset) * side + x + offset) * 4;
                    rgba[i..i + 3].copy_from_slice(&[0, 0, 0]);
                }
            }
        }
        rgba
    }

    #[test]
    fn a_printed_label_is_read_from_a_camera_frame() {
        let code = "BTL1.1.0193a4b2c3d47e8f9a0b1c2d3e4f5a6b.\
                    00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\
                    00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        let rgba = frame(code, 4, 480);
        assert_eq!(decode_rgba(480, 480, &rgba).as_deref(), Some(code));
    }

    #[test]
    fn a_frame_without_a_code_or_of_the_wrong_size_reads_nothing() {
        assert_eq!(decode_rgba(64, 64, &vec![255u8; 64 * 64 * 4]), None);
        let rgba = frame("BTL1.1.x.y", 4, 200);
        assert_eq!(
            decode_rgba(200, 199, &rgba),
            None,
            "bytes short of the size"
        );
        assert_eq!(decode_rgba(0, 0, &[]), None);
        assert_eq!(decode_rgba(MAX_FRAME_SIDE + 1, 1, &[0; 4]), None);
    }
}

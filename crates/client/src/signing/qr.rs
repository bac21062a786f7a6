//! QR codes drawn natively: the text becomes a PNG the page shows as a data URL.

use base64::Engine;
use image::{ImageFormat, Luma};
use qrcode::QrCode;

use crate::error::{ClientError, Result};

/// Renders `text` as a black-on-white PNG at least `size` pixels wide, as a data URL.
pub fn data_url(text: &str, size: u32) -> Result<String> {
    let code = QrCode::new(text.as_bytes()).map_err(|e| ClientError::Qr(e.to_string()))?;
    let image = code
        .render::<Luma<u8>>()
        .min_dimensions(size, size)
        .quiet_zone(true)
        .build();
    let mut png = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut png, ImageFormat::Png)
        .map_err(|e| ClientError::Qr(e.to_string()))?;
    Ok(format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(png.into_inner())
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_png_data_url() {
        let url = data_url("mobileSign:https://kzhk.kz/egov/api1/abc", 256).expect("rendered");
        let png = base64::engine::general_purpose::STANDARD
            .decode(url.trim_start_matches("data:image/png;base64,"))
            .expect("base64");
        let image = image::load_from_memory_with_format(&png, ImageFormat::Png).expect("a PNG");
        assert!(image.width() >= 256);
        assert_eq!(image.width(), image.height());
    }
}

//! A consent as a PDF: A4, a title and paragraphs in DejaVu Sans (embedded, so Cyrillic and
//! Kazakh letters show and copy out as text on any computer).

use std::io::Cursor;

use printpdf::{IndirectFontRef, Mm, PdfDocument, PdfDocumentReference, PdfLayerReference};

use crate::error::AppError;

/// The font, shipped with its licence in `data/fonts`.
const FONT: &[u8] = include_bytes!("../../data/fonts/DejaVuSans.ttf");

const PAGE_WIDTH: f32 = 210.0;
const PAGE_HEIGHT: f32 = 297.0;
const MARGIN: f32 = 20.0;
const TITLE_SIZE: f32 = 13.0;
const TEXT_SIZE: f32 = 10.5;
const LINE: f32 = 5.6;
/// Characters of DejaVu Sans at 10.5 pt that fit 170 mm, with room to spare.
const LINE_CHARS: usize = 84;

/// `text` broken into lines of at most `width` characters at spaces (a longer word stands alone).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Writes lines top to bottom, starting a new page when one is full.
struct Writer {
    doc: PdfDocumentReference,
    layer: PdfLayerReference,
    font: IndirectFontRef,
    y: f32,
}

impl Writer {
    fn line(&mut self, text: &str, size: f32) {
        if self.y < MARGIN {
            let (page, layer) = self.doc.add_page(Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), "text");
            self.layer = self.doc.get_page(page).get_layer(layer);
            self.y = PAGE_HEIGHT - MARGIN;
        }
        self.layer
            .use_text(text, size, Mm(MARGIN), Mm(self.y), &self.font);
        self.y -= LINE * size / TEXT_SIZE;
    }
}

/// The PDF of a consent titled `title` with `paragraphs`.
pub fn render(title: &str, paragraphs: &[String]) -> Result<Vec<u8>, AppError> {
    let (doc, page, layer) = PdfDocument::new(title, Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), "text");
    let font = doc
        .add_external_font(Cursor::new(FONT))
        .map_err(|e| AppError::internal(format!("consent font: {e}")))?;
    let layer = doc.get_page(page).get_layer(layer);
    let mut writer = Writer {
        doc,
        layer,
        font,
        y: PAGE_HEIGHT - MARGIN,
    };
    for line in wrap(title, LINE_CHARS * 4 / 5) {
        writer.line(&line, TITLE_SIZE);
    }
    writer.y -= LINE;
    for paragraph in paragraphs {
        for line in wrap(paragraph, LINE_CHARS) {
            writer.line(&line, TEXT_SIZE);
        }
        writer.y -= LINE / 2.0;
    }
    writer
        .doc
        .save_to_bytes()
        .map_err(|e| AppError::internal(format!("consent PDF: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_spaces_within_the_width() {
        assert_eq!(
            wrap("Согласие на сбор и обработку персональных данных", 20),
            ["Согласие на сбор и", "обработку", "персональных данных"]
        );
        assert_eq!(wrap("", 10), Vec::<String>::new());
    }

    #[test]
    fn a_long_text_makes_a_pdf() {
        let paragraphs = vec!["Текст согласия. ".repeat(400)];
        let pdf = render("Согласие", &paragraphs).expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"));
    }
}

// Package pdf draws laid-out pages (a [layout.Document]) as a PDF: a
// screen PDF for reading and sharing, or a print-ready PDF for the print
// shop. It also reports what a preflight check needs to know: page boxes,
// fonts, every picture with its effective resolution, and every problem.
//
// # Screen and print
//
// A screen PDF has one page per layout page, the size of the trim box,
// with RGB colour, bookmarks from the layout's anchors, clickable links and
// document metadata (Info dictionary, XMP and the catalog's /Lang).
//
// A print PDF (Options.Print) draws the same pages on a larger sheet: the
// finished page (TrimBox) surrounded by the bleed (BleedBox, the layout's
// Page.Bleed on every side) and room for crop marks, optional registration
// marks and a slug line (MediaBox). Every colour is written as DeviceCMYK
// from the CMYK values of [layout.Colour]; text in rich black is printed in
// black ink only. The file has no transparency, says /Trapped /False, and
// names its print condition in an output intent (/S /GTS_PDFX, by default
// FOGRA39, "Coated FOGRA39 (ISO 12647-2:2004)"). No ICC profile is
// embedded: the intent only names the characterisation, which is what a
// print shop's preflight reads; the file does not claim PDF/X conformance.
//
// # Pictures
//
// Each picture file is decoded once per document (JPEG, PNG or GIF, the
// formats export/source accepts), turned upright by its EXIF orientation,
// cropped to ImageBox.Crop (the whole picture, centred to the frame's
// aspect, when Crop is zero) and resampled to at most Options.MaxPPI
// (default 300) pixels per inch at its placed size; it is never upsampled.
// Photographs (and any picture with many colours) are stored as JPEG at
// Options.JPEGQuality (default 88); pictures with few flat colours
// (diagrams, logos, most GIFs) are stored losslessly with Flate; a screen
// PDF keeps a PNG's transparency as a soft mask, a print PDF flattens it
// onto white. Grey pictures stay DeviceGray. A print PDF keeps pictures in
// RGB unless Options.PictureCMYK asks for a simple conversion to CMYK; RGB
// is the default because the print shop's RIP converts with the right
// colour profile. A picture that is missing or unreadable is drawn as a
// placeholder in the layout's placeholder colour and reported.
//
// # Fonts and text
//
// Faces come from package fonts and are embedded as TrueType subsets
// (tagged names such as ABCDEF+Roboto-Regular). Each [layout.TextRun] is
// drawn at exactly its baseline position; no word spacing is applied.
// NO-BREAK SPACE is drawn as a space, soft hyphens and zero-width spaces
// are not drawn, and glyphs a face lacks are reported.
//
// # Reproducible output
//
// The same document and Options.Date give the same bytes: resources are
// written in a fixed order, the dates come from Options.Date, and the file
// identifier is a digest of the content.
//
// # Sheets
//
// Write places each layout page on its own sheet. WriteSheets draws any
// arrangement of pages on sheets (package impose uses it for booklets);
// both use the same page-drawing code.
package pdf

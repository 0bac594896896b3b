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
// A screen PDF written by Write is tagged: its structure tree comes from
// package structure, built from the layout's provenance ([layout.Node]).
// Every box is drawn inside marked content (BDC with an MCID for content,
// /Artifact BMC for running heads, folios, rules and frames), the
// catalog has /StructTreeRoot with a /ParentTree, /MarkInfo /Marked true,
// /Lang and /ViewerPreferences /DisplayDocTitle true, pages have /Tabs /S,
// and every link annotation has /StructParent, /Contents and an OBJR in
// its Link element. Overview cards link to their chapters' first pages.
// A word space after a run ([layout.TextRun].Space) is written as a space
// glyph and a hyphen the layout added at a line end as the face's soft
// hyphen, so the text reads and copies as whole words. The XMP declares
// PDF/UA-1 (pdfuaid:part 1) only when the structure passes the checks of
// structure.Tree.Check; Report.StructureProblems says what failed.
// WriteSheets (imposed sheets, out of reading order) writes no structure.
//
// A print PDF (Options.Print) draws the same pages on a larger sheet: the
// finished page (TrimBox) surrounded by the bleed (BleedBox, the layout's
// Page.Bleed on every side) and room for crop marks, optional registration
// marks and a slug line (MediaBox). Every colour is written as DeviceCMYK
// from the CMYK values of [layout.Colour]; text in rich black is printed in
// black ink only. The file has no transparency and no annotations (a
// link's address is printed instead, see layout.ForPrint), says /Trapped
// /False, and is PDF/X-4: /GTS_PDFXVersion in the Info dictionary and
// pdfxid:GTSPDFXVersion in the XMP, and an output intent (/S /GTS_PDFX,
// FOGRA39) whose /DestOutputProfile is the CMYK profile of package icc.
// RGB pictures are stored with the sRGB profile (ICCBased). An
// Options.OutputCondition other than FOGRA39 is named in the intent
// without a profile, and the file then claims no PDF/X.
//
// # Pictures
//
// Pictures come from package picture (Options.Pictures, shared by every
// document of a run and, with a cache folder, between runs). Each picture
// file is embedded once per document, as one image XObject, however many
// frames show it and however they crop it: a placement is a clipping
// rectangle (the frame) and a transform that scales the whole picture so
// that the part shown (ImageBox.Crop, or the largest centred part with
// the frame's aspect when Crop is zero) fills the frame, as page-layout
// programs place pictures. The picture is stored at the largest resolution
// any of its placements in the document needs, at most Options.MaxPPI at
// the placed size (by default 300 pixels per inch in print, PrintPPI, and
// 200 on screen, ScreenPPI: enough for a phone or monitor showing a whole
// page, at less than half the bytes); it is never upsampled, and a JPEG
// that needs no change is embedded as it is (DCTDecode, no re-encoding).
// Other photographs are stored as JPEG at Options.JPEGQuality (default
// 88); pictures with few flat colours (diagrams, logos, most GIFs) are
// stored losslessly with Flate; a screen PDF keeps a PNG's transparency
// as a soft mask, a print PDF flattens it onto white. Grey pictures stay
// DeviceGray. A print PDF keeps pictures in RGB (with the sRGB profile)
// unless Options.PictureCMYK asks for a simple conversion to CMYK; RGB is
// the default because the print shop's RIP converts with the right colour
// profile. A picture that is missing or unreadable is drawn as a
// placeholder in the layout's placeholder colour and reported.
//
// # Fonts and text
//
// Faces come from package fonts, parsed once per process and shared. Each
// document embeds, per face, a TrueType subset of the glyphs it draws (with
// the glyphs composite ones are built from) as a CIDFontType2 font with
// Identity-H encoding: character codes are glyph numbers, /W gives each
// drawn glyph the advance the layout measured, and a ToUnicode map gives
// each glyph's text back, so copying and searching give the tree's words.
// Subset tags (ABCDEF+Roboto-Regular) are derived from the face and its
// glyph set, so equal documents get equal names.
//
// Each [layout.TextRun] is drawn at exactly its baseline position, one
// glyph per rune; no word spacing is applied. NO-BREAK SPACE is drawn (and
// copies) as a space, soft hyphens and zero-width spaces are not drawn.
// A character the face has no glyph for, also beyond U+FFFF, is drawn as
// the face's .notdef glyph and reported; one the face has is drawn,
// whatever its plane.
//
// # Reproducible output
//
// The same document and Options.Date give the same bytes: objects are
// written in drawing order, dictionaries with sorted keys, the dates come
// from Options.Date, and the file identifier is a digest of the content.
//
// # Sheets
//
// Write places each layout page on its own sheet. WriteSheets draws any
// arrangement of pages on sheets (package impose uses it for booklets);
// both use the same page-drawing code.
//
// # How the file is written
//
// The bytes come from package [leafpress/export/pdf/object]: numbered
// objects streamed to the output as soon as they are complete. A sheet is
// drawn into one content stream ([object.Content]); when it is done its
// content, its annotations and its page object are written, and only the
// next sheet is kept in memory. A picture's image XObject is written when
// it is first drawn. What depends on the whole document is written last:
// the fonts (their glyph sets), the shared resource dictionary, the page
// tree, the outline, the XMP metadata, the document information and the
// catalog.
//
// The writer keeps what a tagged or a PDF/X file adds in the places such
// additions go, so they are made without changing the drawing code:
//
//   - Every box of a page is drawn by one switch in drawPlacement, into
//     the sheet's [object.Content]: marked content for a structure tree
//     wraps a box's operators there (Content.BeginMarked with the page's
//     next MCID, BeginArtifact for running heads and marks, EndMarked).
//   - The sheet being drawn (writer.page) has its page object's number
//     reserved before drawing starts (pageState.ref), for /Pg of structure
//     elements and /P of annotations; pageState.dict takes extra entries of
//     the page dictionary (/StructParents, /Tabs /S, more boxes), and
//     pageState.annots the annotations, each written as its own object
//     (writer.obj.Add) so a structure element can point at it (OBJR) and
//     it can carry /StructParent.
//   - writer.catalog takes any catalog entry (/StructTreeRoot, /MarkInfo,
//     /OutputIntents with an embedded ICC profile stream, /Lang,
//     /ViewerPreferences) up to the end; the writer fills in /Pages,
//     /Outlines, /Metadata and its defaults around them.
//   - writer.obj (an [object.Writer]) reserves numbers (Alloc) for
//     objects written later (Put), such as a structure tree and its
//     ParentTree, written in finish before the catalog; Close refuses a
//     file with a reserved number never written.
//   - The XMP packet (writer.xmp) and the information dictionary
//     (writer.info) are each built in one function, to extend with
//     pdfuaid or pdfxid entries; pdfVersion sets the header's version.
package pdf

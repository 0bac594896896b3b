package templates

import _ "embed"

// ReferenceDOCX is the reference document of the Word backend
// (export/docx), used when the user names none with --reference-docx: its
// styles (Title, Subtitle, Heading 1-4, Body Text, Garant, Lead, Quote,
// Intense Quote, List Bullet, List Number, List Continue, Hyperlink,
// Verbatim Char, Programme Table, TOC Heading, toc 1-3, Figure,
// Horizontal Line), list numbering, theme and A4 page setup become those of
// every program.docx. Fonts: Roboto for text, Roboto Condensed for
// headings; brand colour #1A5E8C as in defaults.yaml.
//
// The file is generated from hand-written XML parts kept in
// export/docx/internal/genref/parts: edit those and run go generate here.
//
//go:generate go run ../export/docx/internal/genref/main.go -parts ../export/docx/internal/genref/parts -o reference.docx
//go:embed reference.docx
var ReferenceDOCX []byte

package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"hash/crc32"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"leafpress/export/docx/internal/xmltree"
)

// Relationship types of the parts a document refers to.
const (
	relBase      = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	relStyles    = relBase + "styles"
	relNumbering = relBase + "numbering"
	relSettings  = relBase + "settings"
	relFontTable = relBase + "fontTable"
	relTheme     = relBase + "theme"
	relImage     = relBase + "image"
	relHyperlink = relBase + "hyperlink"
	relHeader    = relBase + "header"
	relFooter    = relBase + "footer"
)

// Content types of header and footer parts.
const (
	ctHeader = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
	ctFooter = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
)

// relationship is one entry of word/_rels/document.xml.rels.
type relationship struct {
	id, typ, target string
	external        bool
}

// part is a file in the package besides the XML parts written by finish.
type part struct {
	name   string
	data   []byte
	stored bool // already compressed (pictures): stored, not deflated
	// deflated, when set, is the part's content compressed already
	// (the embedded fonts, compressed once for every file of a run);
	// data is then unused.
	deflated *deflated
	ctype    string // content type, written as an override when set
	// chunks, when set, follow data: a big part written as it is held.
	chunks [][]byte
	// shared is set for a part most files of a run hold alike (styles,
	// theme, font table, settings): it is compressed once per content.
	shared bool
}

// deflated is a part's content as a zip entry stores it.
type deflated struct {
	data []byte // deflated
	crc  uint32 // of the content
	size uint64 // of the content
}

// deflate compresses data at the default level, for a part that is written
// into many files and compressed once.
func deflate(data []byte) (*deflated, error) {
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, flate.DefaultCompression)
	if err != nil {
		return nil, err
	}
	if _, err := fw.Write(data); err != nil {
		return nil, err
	}
	if err := fw.Close(); err != nil {
		return nil, err
	}
	return &deflated{data: buf.Bytes(), crc: crc32.ChecksumIEEE(data), size: uint64(len(data))}, nil
}

// addRel adds a relationship of the main document and returns its id.
func (b *builder) addRel(typ, target string, external bool) string {
	id := "rId" + strconv.Itoa(len(b.rels)+1)
	b.rels = append(b.rels, relationship{id: id, typ: typ, target: target, external: external})
	return id
}

// warn reports a problem with the chapter being written.
func (b *builder) warn(msg string) {
	if b.opt.Warn != nil {
		b.opt.Warn(b.file, msg)
	}
}

// finish writes the package: the body rendered so far, preceded by what
// front renders (title, table of contents) when it is set, and every
// other part.
func (b *builder) finish(w io.Writer, pr props, front func()) error {
	body := b.out
	defer func() { // the package is written when finish returns
		body.Reset()
		bodyBuffers.Put(body)
	}()
	var head bytes.Buffer
	if front != nil {
		b.out = &head
		front()
	}
	b.file = ""
	pr.title = b.clean(pr.title)
	pr.subject = b.clean(pr.subject)
	pr.author = b.clean(pr.author)
	for i, k := range pr.keywords {
		pr.keywords[i] = b.clean(k)
	}
	b.removed.report(b.opt.Warn)
	if b.err != nil {
		return b.err
	}

	date := b.opt.Date
	if date.IsZero() {
		date = time.Now()
	}
	date = date.UTC().Truncate(time.Second)

	// document.xml is written as it is held: its opening, the front
	// matter, the body and the section properties with the closing.
	var tail bytes.Buffer
	b.sectPr().WriteTo(&tail)
	tail.WriteString(`</w:body></w:document>`)
	doc := [][]byte{documentOpen, head.Bytes(), body.Bytes(), tail.Bytes()}

	if len(b.comments) > 0 {
		b.addRel(relComments, "comments.xml", false)
		b.parts = append(b.parts, part{name: "word/comments.xml", data: b.commentsXML(date), ctype: ctComments})
	}
	text := slices.Clone(doc[1:3])
	for _, p := range b.parts {
		if p.ctype == ctFooter || p.ctype == ctHeader || p.ctype == ctComments {
			text = append(text, p.data)
		}
	}
	styles := xmltree.Marshal(b.st.root)
	fontTable, fontRels, fontParts, err := b.fontTable(text, styles)
	if err != nil {
		return err
	}
	b.embedded = fontRels != nil

	theme := b.ref.theme
	if theme == nil {
		theme = b.house.theme
	}
	parts := []part{
		{name: "[Content_Types].xml", data: b.contentTypes()},
		{name: "_rels/.rels", data: rootRels(len(b.opt.Thumbnail) > 0)},
		{name: "docProps/app.xml", data: appXML, shared: true},
		{name: "docProps/core.xml", data: coreXML(pr, b.lang, date)},
		{name: "word/document.xml", chunks: doc},
		{name: "word/_rels/document.xml.rels", data: b.documentRels()},
		{name: "word/styles.xml", data: styles, shared: true},
		{name: "word/numbering.xml", data: b.num.part()},
		{name: "word/settings.xml", data: settingsXML(b.lang, b.embedded), shared: true},
		{name: "word/fontTable.xml", data: fontTable, shared: true},
		{name: "word/theme/theme1.xml", data: theme, shared: true},
	}
	if fontRels != nil {
		parts = append(parts, part{name: "word/_rels/fontTable.xml.rels", data: fontRels, shared: true})
	}
	parts = append(parts, fontParts...)
	parts = append(parts, b.parts...)
	if len(b.opt.Thumbnail) > 0 {
		parts = append(parts, part{name: thumbnailPart, data: b.opt.Thumbnail, stored: true})
	}
	return writeZip(w, parts, date)
}

// documentOpen opens document.xml.
var documentOpen = []byte(xml.Header + `<w:document xmlns:w="` + nsW + `"` +
	` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"` +
	` xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"` +
	` xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"` +
	` xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>`)

// bodyBuffers hold the bodies of documents being written, reused from
// file to file.
var bodyBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// writeZip writes parts in the order given, each with the time date, so
// that the same content gives the same bytes.
func writeZip(w io.Writer, parts []part, date time.Time) error {
	if date.Year() < 1980 { // the earliest time a zip entry can hold
		date = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	zw := zip.NewWriter(w)
	for _, p := range parts {
		if p.shared {
			d, err := deflatedOnce(p.data)
			if err != nil {
				return err
			}
			p.deflated = d
		}
		if p.deflated != nil {
			if err := writeDeflated(zw, p, date); err != nil {
				return err
			}
			continue
		}
		method := zip.Deflate
		if p.stored {
			method = zip.Store
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: method, Modified: date})
		if err != nil {
			return err
		}
		if _, err := fw.Write(p.data); err != nil {
			return err
		}
		for _, c := range p.chunks {
			if _, err := fw.Write(c); err != nil {
				return err
			}
		}
	}
	return zw.Close()
}

// sharedParts holds the compressed form of parts that repeat from file to
// file, by content, up to maxSharedBytes of content.
var sharedParts = struct {
	sync.Mutex
	m     map[string]*deflated
	bytes int
}{m: map[string]*deflated{}}

const maxSharedBytes = 4 << 20

// deflatedOnce returns data compressed, compressing each content once per
// process (up to maxSharedBytes).
func deflatedOnce(data []byte) (*deflated, error) {
	sharedParts.Lock()
	d := sharedParts.m[string(data)]
	sharedParts.Unlock()
	if d != nil {
		return d, nil
	}
	d, err := deflate(data)
	if err != nil {
		return nil, err
	}
	sharedParts.Lock()
	if sharedParts.bytes+len(data) <= maxSharedBytes {
		sharedParts.m[string(data)] = d
		sharedParts.bytes += len(data)
	}
	sharedParts.Unlock()
	return d, nil
}

// writeDeflated writes a part compressed already (part.deflated).
func writeDeflated(zw *zip.Writer, p part, date time.Time) error {
	d := p.deflated
	fh := &zip.FileHeader{Name: p.name, Method: zip.Deflate,
		CRC32: d.crc, CompressedSize64: uint64(len(d.data)), UncompressedSize64: d.size}
	// CreateRaw takes the header as it is: the MS-DOS date fields too.
	fh.SetModTime(date) //nolint:staticcheck // the legacy fields are what CreateRaw writes
	w, err := zw.CreateRaw(fh)
	if err != nil {
		return err
	}
	_, err = w.Write(d.data)
	return err
}

func (b *builder) contentTypes() []byte {
	var s strings.Builder
	s.WriteString(xml.Header)
	s.WriteString(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`)
	s.WriteString(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`)
	s.WriteString(`<Default Extension="xml" ContentType="application/xml"/>`)
	s.WriteString(`<Default Extension="jpeg" ContentType="image/jpeg"/>`)
	s.WriteString(`<Default Extension="png" ContentType="image/png"/>`)
	if b.embedded {
		s.WriteString(`<Default Extension="odttf" ContentType="` + ctObfFont + `"/>`)
	}
	for _, ext := range slices.Sorted(maps.Keys(b.extensions)) {
		s.WriteString(`<Default Extension="` + ext + `" ContentType="` + mediaTypes[ext] + `"/>`)
	}
	const wml = "application/vnd.openxmlformats-officedocument.wordprocessingml."
	for _, o := range [][2]string{
		{"/word/document.xml", wml + "document.main+xml"},
		{"/word/styles.xml", wml + "styles+xml"},
		{"/word/numbering.xml", wml + "numbering+xml"},
		{"/word/settings.xml", wml + "settings+xml"},
		{"/word/fontTable.xml", wml + "fontTable+xml"},
		{"/word/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"},
		{"/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"},
		{"/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"},
	} {
		s.WriteString(`<Override PartName="` + o[0] + `" ContentType="` + o[1] + `"/>`)
	}
	for _, p := range b.parts {
		if p.ctype != "" {
			s.WriteString(`<Override PartName="/` + p.name + `" ContentType="` + p.ctype + `"/>`)
		}
	}
	s.WriteString(`</Types>`)
	return []byte(s.String())
}

// thumbnailPart is where the package keeps its thumbnail (Options.Thumbnail).
const thumbnailPart = "docProps/thumbnail.png"

// rootRels is the package's relationships part; with thumb, it names the
// thumbnail too.
func rootRels(thumb bool) []byte {
	s := xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>`
	if thumb {
		s += `<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail" Target="` + thumbnailPart + `"/>`
	}
	return []byte(s + `</Relationships>`)
}

var appXML = []byte(xml.Header + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"` +
	` xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
	`<Application>leafpress</Application><DocSecurity>0</DocSecurity></Properties>`)

func (b *builder) documentRels() []byte {
	var s bytes.Buffer
	s.WriteString(xml.Header)
	s.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for _, r := range b.rels {
		s.WriteString(`<Relationship Id="` + r.id + `" Type="` + r.typ + `" Target="`)
		xmltree.EscapeAttr(&s, r.target)
		s.WriteString(`"`)
		if r.external {
			s.WriteString(` TargetMode="External"`)
		}
		s.WriteString(`/>`)
	}
	s.WriteString(`</Relationships>`)
	return s.Bytes()
}

// coreXML writes the document properties.
func coreXML(pr props, lang string, date time.Time) []byte {
	var s bytes.Buffer
	elem := func(name, value string) {
		if value == "" {
			return
		}
		s.WriteString("<" + name + ">")
		xmltree.EscapeText(&s, value)
		s.WriteString("</" + name + ">")
	}
	when := date.Format("2006-01-02T15:04:05Z")
	s.WriteString(xml.Header)
	s.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"` +
		` xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	elem("dc:title", pr.title)
	elem("dc:subject", pr.subject)
	elem("dc:creator", pr.author)
	elem("cp:keywords", strings.Join(pr.keywords, ", "))
	elem("cp:lastModifiedBy", pr.author)
	elem("dc:language", lang)
	s.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + when + `</dcterms:created>`)
	s.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + when + `</dcterms:modified>`)
	s.WriteString(`</cp:coreProperties>`)
	return s.Bytes()
}

// settingsXML asks Word to update fields (the table of contents) on
// opening, to keep the embedded fonts when it saves (embedded is set)
// and sets the language of theme fonts and number formats.
func settingsXML(lang string, embedded bool) []byte {
	dec, list := ",", ";"
	if lang == "en-US" {
		dec, list = ".", ","
	}
	fonts := ""
	if embedded {
		fonts = `<w:embedTrueTypeFonts/>`
	}
	return []byte(xml.Header + `<w:settings xmlns:w="` + nsW + `">` + fonts +
		`<w:defaultTabStop w:val="709"/>` +
		`<w:characterSpacingControl w:val="doNotCompress"/>` +
		`<w:updateFields w:val="true"/>` +
		`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
		`<w:themeFontLang w:val="` + lang + `"/>` +
		`<w:decimalSymbol w:val="` + dec + `"/><w:listSeparator w:val="` + list + `"/>` +
		`</w:settings>`)
}

// Package templates holds the page templates of leafpress: YAML files
// that say everything about the look of a laid-out programme (page size,
// bleed, margins, columns, faces, sizes, colours, cover, overview cards,
// running head, print settings). The layout engine reads a [Template];
// nothing about the look is written in Go.
//
// Built-in templates are embedded ([Builtin], [Names]); a user's file is
// read with [Load]. Every template starts from the values of
// defaults.yaml, or from the built-in template its `base` key names, and
// overrides what it sets. Decoding is strict: an unknown key is an error,
// so a typo is caught, and every error names the file and the line.
// README.md in this directory documents every key, its unit and its
// default.
package templates

import (
	"embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

//go:embed *.yaml
var builtins embed.FS

// defaultsFile is the file that holds the default value of every key.
const defaultsFile = "defaults.yaml"

// Template is a page template. Lengths on the page (size, bleed,
// margins, gaps, picture heights) are millimetres; type sizes and vertical
// spacing are points.
type Template struct {
	// Name names the template ("a5-booklet"); for a user's file without a
	// name, the file name without its extension.
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	// Base names the built-in template a file starts from; empty means
	// the defaults.
	Base string `yaml:"base"`
	// Content is "full" (the whole chapter) or "summary" (title,
	// picture, intro, each top heading with its lead and the further
	// paragraphs Summary allows, garant).
	Content     string      `yaml:"content"`
	Summary     Summary     `yaml:"summary"`
	Campaign    Campaign    `yaml:"campaign"`
	Page        Page        `yaml:"page"`
	Text        Text        `yaml:"text"`
	Fonts       Fonts       `yaml:"fonts"`
	Sizes       Sizes       `yaml:"sizes"`
	Spacing     Spacing     `yaml:"spacing"`
	Colours     Colours     `yaml:"colours"`
	Chapter     Chapter     `yaml:"chapter"`
	Images      Images      `yaml:"images"`
	Cover       Cover       `yaml:"cover"`
	Overview    Overview    `yaml:"overview"`
	RunningHead RunningHead `yaml:"running_head"`
	Footer      Footer      `yaml:"footer"`
	BackCover   BackCover   `yaml:"back_cover"`
	Web         Web         `yaml:"web"`
	Print       Print       `yaml:"print"`

	// File is where the template was read from: "builtin:<name>" or the
	// user's path.
	File string `yaml:"-"`
}

// Content modes.
const (
	ContentFull    = "full"
	ContentSummary = "summary"
)

// Summary tunes the summary content mode.
type Summary struct {
	// Paragraphs is how many more paragraphs under each top heading the
	// summary may hold besides its lead: they are added in order (the
	// first under every heading, then the second...) and, with a fixed
	// page count, only while they fit at the template's body size.
	Paragraphs int `yaml:"paragraphs"`
}

// Campaign names the campaign; its fields fill the {campaign} and {web}
// placeholders.
type Campaign struct {
	Name string `yaml:"name"`
	Web  string `yaml:"web"`
}

// Page is the page geometry, in millimetres.
type Page struct {
	Width     float64 `yaml:"width"`
	Height    float64 `yaml:"height"`
	Bleed     float64 `yaml:"bleed"`
	Margins   Margins `yaml:"margins"`
	Columns   int     `yaml:"columns"`
	ColumnGap float64 `yaml:"column_gap"`
	// Pages is the exact number of pages of each chapter (the two-page
	// leaflet); 0 lets a chapter take as many pages as it needs. When
	// content does not fit, the body size shrinks down to Sizes.MinBody.
	Pages int `yaml:"pages"`
	// PadTo pads the page count to a multiple of this (4 for a
	// saddle-stitched booklet).
	PadTo int `yaml:"pad_to"`
	// Balance balances the columns of a chapter's last page.
	Balance bool `yaml:"balance"`
}

// Margins are the page margins in millimetres. Inner is the binding side
// (left on odd pages, right on even pages).
type Margins struct {
	Top    float64 `yaml:"top"`
	Bottom float64 `yaml:"bottom"`
	Inner  float64 `yaml:"inner"`
	Outer  float64 `yaml:"outer"`
}

// Text says how running text is set.
type Text struct {
	Align     string  `yaml:"align"` // "justify" or "left"
	Hyphenate bool    `yaml:"hyphenate"`
	Indent    float64 `yaml:"indent"` // first-line indent after a paragraph, pt
	// Exceptions are words hyphenated only where written ("Lipo-vá"), or
	// never when written without a hyphen ("Sázava"), on top of the
	// built-in ones.
	Exceptions []string `yaml:"hyphenation_exceptions"`
	// LeadBold is how much of a lead under a heading is set in the lead
	// face: "all", or "first_sentence" (the rest in the body face), so
	// that a page of leads does not read as all bold.
	LeadBold string `yaml:"lead_bold"`
	// Expansion is how much the glyphs of a justified line may be made
	// wider or narrower, as a fraction (0.02: 2 %), taking part of the
	// stretch or shrink its word spaces would otherwise take; 0 for none.
	Expansion float64 `yaml:"expansion"`
}

// Fonts names the face of every role; each is one of fonts.Names().
type Fonts struct {
	Display    string `yaml:"display"`
	Heading    string `yaml:"heading"`
	Body       string `yaml:"body"`
	Bold       string `yaml:"bold"`
	Italic     string `yaml:"italic"`
	BoldItalic string `yaml:"bold_italic"`
	Lead       string `yaml:"lead"`
	Caption    string `yaml:"caption"`
	Code       string `yaml:"code"`
}

// Sizes are type sizes in points; Leading, TitleLeading and
// HeadingLeading are multiples of the size.
type Sizes struct {
	Body    float64 `yaml:"body"`
	MinBody float64 `yaml:"min_body"`
	// MaxBody is the largest body size grow-to-fit may reach on a fixed
	// page count when the content leaves room; 0 means no growing.
	MaxBody    float64 `yaml:"max_body"`
	ShrinkStep float64 `yaml:"shrink_step"`
	Leading    float64 `yaml:"leading"`
	Lead       float64 `yaml:"lead"`
	// Intro is the size of a chapter's intro; 0 means Lead.
	Intro          float64   `yaml:"intro"`
	Title          float64   `yaml:"title"`
	TitleLeading   float64   `yaml:"title_leading"`
	Headings       []float64 `yaml:"headings"`
	HeadingLeading float64   `yaml:"heading_leading"`
	Caption        float64   `yaml:"caption"`
	Table          float64   `yaml:"table"`
	RunningHead    float64   `yaml:"running_head"`
	Garant         float64   `yaml:"garant"`
	CardTitle      float64   `yaml:"card_title"`
	CardText       float64   `yaml:"card_text"`
	CoverTitle     float64   `yaml:"cover_title"`
	CoverSubtitle  float64   `yaml:"cover_subtitle"`
	OverviewTitle  float64   `yaml:"overview_title"`
	// FooterTitle is the size of the footer's title line (display face);
	// 0 means the running head's size.
	FooterTitle float64 `yaml:"footer_title"`
}

// Heading returns the size of a heading of the given level (1 = top).
func (s Sizes) Heading(level int) float64 {
	if len(s.Headings) == 0 {
		return s.Body
	}
	if level < 1 {
		level = 1
	}
	if level > len(s.Headings) {
		level = len(s.Headings)
	}
	return s.Headings[level-1]
}

// Spacing is vertical (and list indent) spacing in points.
type Spacing struct {
	Paragraph     float64 `yaml:"paragraph"`
	Block         float64 `yaml:"block"`
	HeadingBefore float64 `yaml:"heading_before"`
	HeadingAfter  float64 `yaml:"heading_after"`
	ListItem      float64 `yaml:"list_item"`
	ListIndent    float64 `yaml:"list_indent"`
	TitleAfter    float64 `yaml:"title_after"`
	GarantBefore  float64 `yaml:"garant_before"`
}

// Colours holds a colour per role.
type Colours struct {
	Brand       Colour `yaml:"brand"`
	Accent      Colour `yaml:"accent"`
	Text        Colour `yaml:"text"`
	Muted       Colour `yaml:"muted"`
	Title       Colour `yaml:"title"`
	Heading     Colour `yaml:"heading"`
	Link        Colour `yaml:"link"`
	Band        Colour `yaml:"band"`
	BandText    Colour `yaml:"band_text"`
	Card        Colour `yaml:"card"`
	Rule        Colour `yaml:"rule"`
	Placeholder Colour `yaml:"placeholder"`
}

// Colour is one colour in both models: RGB as "#rrggbb" for the screen,
// CMYK in per cent for print. When CMYK is left out it is derived from
// RGB.
type Colour struct {
	RGB  string    `yaml:"rgb"`
	CMYK []float64 `yaml:"cmyk"`
}

// Chapter says how a chapter starts and ends.
type Chapter struct {
	// NewPage starts every chapter on a new page; otherwise a chapter
	// follows the previous one on the same page when MinSpace (mm) is
	// left.
	NewPage        bool    `yaml:"new_page"`
	MinSpace       float64 `yaml:"min_space"`
	TitleUppercase bool    `yaml:"title_uppercase"`
	TitleAlign     string  `yaml:"title_align"` // "left" or "center"
	TitleRule      bool    `yaml:"title_rule"`
	Picture        Picture `yaml:"picture"`
	Garant         Garant  `yaml:"garant"`
}

// Picture places the chapter's picture.
type Picture struct {
	Show      bool    `yaml:"show"`
	Position  string  `yaml:"position"` // "above" or "below" the title
	Aspect    float64 `yaml:"aspect"`   // frame width/height; 0 = own aspect
	MaxHeight float64 `yaml:"max_height"`
	Bleed     bool    `yaml:"bleed"`
	// GrowTo (mm) lets the picture grow up to this height to fill a front
	// page that ends with the intro (fixed page counts); 0 = no growing.
	GrowTo float64 `yaml:"grow_to"`
}

// Garant places the garant's name at the end of a chapter.
type Garant struct {
	Show   bool   `yaml:"show"`
	Align  string `yaml:"align"` // "left" or "right"
	Prefix string `yaml:"prefix"`
	// Position is "end" (right after the text) or "foot" (at the foot of
	// the chapter's last page, above the footer, on fixed page counts).
	Position string `yaml:"position"`
	// Rule draws a rule of the brand colour above the name.
	Rule bool `yaml:"rule"`
}

// Images places pictures of the body.
type Images struct {
	Aspect    float64 `yaml:"aspect"`     // frame width/height; 0 = own aspect
	MaxHeight float64 `yaml:"max_height"` // mm
	Captions  bool    `yaml:"captions"`
}

// Cover is the programme's front page.
type Cover struct {
	Enabled bool `yaml:"enabled"`
	// Style is "page" (a front page of its own) or "masthead" (the
	// title across the top of the first page, the chapters following
	// below it, like a newspaper).
	Style    string  `yaml:"style"`
	Band     float64 `yaml:"band"` // part of the page height in the band colour, 0..1
	Subtitle string  `yaml:"subtitle"`
	Text     string  `yaml:"text"`
	Mosaic   bool    `yaml:"mosaic"`
}

// Overview is the page(s) of chapter cards after the cover.
type Overview struct {
	Enabled    bool    `yaml:"enabled"`
	Title      string  `yaml:"title"`
	Columns    int     `yaml:"columns"`
	CardHeight float64 `yaml:"card_height"` // mm
	// MaxColumns and MinCardHeight (mm) allow a denser grid of smaller
	// cards, so that the cards fill their pages evenly and no card is left
	// alone on a page; 0 means Columns and CardHeight.
	MaxColumns    int     `yaml:"max_columns"`
	MinCardHeight float64 `yaml:"min_card_height"`
	Gap           float64 `yaml:"gap"` // mm
	PictureAspect float64 `yaml:"picture_aspect"`
	TextLines     int     `yaml:"text_lines"`
	PageNumbers   bool    `yaml:"page_numbers"`
	Radius        float64 `yaml:"radius"` // pt
	// Position is where the cards go: "front" (pages of their own after
	// the cover) or "back" (the last page, above the closing web block,
	// for a template without a back cover, such as a newspaper).
	Position string `yaml:"position"`
	// OnCover lets the cards take the cover's lower part (in place of the
	// mosaic) instead of pages of their own, when that spares the blank
	// pages page.pad_to would otherwise add and the cards fit there at
	// CoverCardHeight (mm) or more.
	OnCover         bool    `yaml:"on_cover"`
	CoverCardHeight float64 `yaml:"cover_card_height"`
}

// RunningHead is the line at the top of every page but the cover.
type RunningHead struct {
	Enabled bool   `yaml:"enabled"`
	Outer   string `yaml:"outer"`
	Inner   string `yaml:"inner"`
	PageBox bool   `yaml:"page_box"`
	Rule    bool   `yaml:"rule"`
	OnFirst bool   `yaml:"on_first"`
}

// Footer is text at the bottom of every chapter's last page.
type Footer struct {
	Enabled bool `yaml:"enabled"`
	// Title is a first line in the display face (at Sizes.FooterTitle),
	// such as "{campaign}"; empty for none.
	Title string `yaml:"title"`
	Text  string `yaml:"text"`
	Band  bool   `yaml:"band"`
	// Pages is "last" (the chapter's last page) or "all" (every page of
	// the chapter).
	Pages string `yaml:"pages"`
	// Height is the band's least height above the trim edge, mm; 0 = as
	// the text needs.
	Height float64 `yaml:"height"`
}

// Web is the block that leads from paper back to the web and says who is
// behind the material: a QR code to the chapter's public address (or the
// programme's), the address printed under it, and the legal imprint
// (commissioned by, produced by, printed by). It sits at the foot of a
// chapter's last page, above the footer (Chapters), and on the back cover
// (BackCover). On a chapter's page it is a reserved block of a fixed
// height, so the text flows above it whatever it holds.
type Web struct {
	// Chapters puts the block at the foot of each chapter's last page
	// (a leaflet's back).
	Chapters bool `yaml:"chapters"`
	// BackCover puts the block on the back cover, on a paper-white panel.
	BackCover bool `yaml:"back_cover"`
	// Height is the block's height on a chapter's page, mm.
	Height float64 `yaml:"height"`
	// QRSize is the QR code's width without its quiet zone, mm (at least
	// 18, so that phones read it from arm's length).
	QRSize float64 `yaml:"qr_size"`
	// ImprintSize is the type size of the imprint and the address, pt
	// (at least 6).
	ImprintSize float64 `yaml:"imprint_size"`
}

// BackCover is the programme's last page.
type BackCover struct {
	Enabled bool   `yaml:"enabled"`
	Text    string `yaml:"text"`
}

// Print holds settings for the print shop's PDF.
type Print struct {
	Pictures          string `yaml:"pictures"` // "keep-rgb" or "cmyk"
	CropMarks         bool   `yaml:"crop_marks"`
	RegistrationMarks bool   `yaml:"registration_marks"`
	Slug              string `yaml:"slug"`
}

// Names returns the names of the built-in templates, sorted.
func Names() []string {
	entries, _ := builtins.ReadDir(".")
	var out []string
	for _, e := range entries {
		n := e.Name()
		if n == defaultsFile || !strings.HasSuffix(n, ".yaml") {
			continue
		}
		out = append(out, strings.TrimSuffix(n, ".yaml"))
	}
	sort.Strings(out)
	return out
}

// Builtin returns a fresh copy of the named built-in template.
func Builtin(name string) (*Template, error) {
	return builtin(name, nil)
}

func builtin(name string, seen []string) (*Template, error) {
	if name == "" || name == "defaults" || name == "share" || strings.ContainsAny(name, `/\.`) {
		return nil, unknownBuiltin(name)
	}
	if t, ok := fromSnapshot(name); ok {
		return t, nil
	}
	return builtinYAML(name, seen)
}

// builtinYAML reads the built-in template name from its YAML file.
func builtinYAML(name string, seen []string) (*Template, error) {
	data, err := builtins.ReadFile(name + ".yaml")
	if err != nil {
		return nil, unknownBuiltin(name)
	}
	return parse("builtin:"+name, name, data, seen)
}

func unknownBuiltin(name string) error {
	return fmt.Errorf("templates: no built-in template %q; use one of %s, or the path of a YAML file",
		name, strings.Join(Names(), ", "))
}

// Load reads a user's template file. A file may start from a built-in
// template with `base: a5-booklet` and set only what differs.
func Load(path string) (*Template, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("templates: %v; give the path of a YAML template or one of %s",
			err, strings.Join(Names(), ", "))
	}
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return parse(path, name, data, nil)
}

// Parse reads a template from data; name is used in messages and as the
// template's name when the data has none.
func Parse(name string, data []byte) (*Template, error) {
	return parse(name, name, data, nil)
}

// Error is a problem in a template file, at a line when it is known.
type Error struct {
	File    string
	Line    int // 1-based; 0 when unknown
	Column  int
	Message string
}

// Error formats the problem as "file:line:col: message".
func (e *Error) Error() string {
	var sb strings.Builder
	sb.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&sb, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&sb, ":%d", e.Column)
		}
	}
	sb.WriteString(": ")
	sb.WriteString(e.Message)
	return sb.String()
}

// parse decodes data over the defaults (or its base) and validates it.
func parse(file, name string, data []byte, seen []string) (t *Template, err error) {
	// The YAML decoder panics on some malformed input (found by FuzzParse,
	// such as a tag on a flow mapping's value): that is a broken template.
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, &Error{File: file, Message: "the file is not a template leafpress can read (malformed YAML); check its brackets, braces and ! tags"}
		}
	}()
	af, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, yamlError(file, err)
	}
	var head struct {
		Base string `yaml:"base"`
	}
	if err := yaml.Unmarshal(data, &head); err != nil {
		return nil, yamlError(file, err)
	}
	switch {
	case head.Base != "":
		if slices.Contains(seen, head.Base) {
			return nil, &Error{File: file, Line: line(af, "$.base"),
				Message: fmt.Sprintf("base %q leads back to itself; name a different built-in template", head.Base)}
		}
		t, err = builtin(head.Base, append(seen, name))
		if err != nil {
			return nil, &Error{File: file, Line: line(af, "$.base"), Message: err.Error()}
		}
		t.Name, t.Description = "", ""
	default:
		t, err = defaults()
		if err != nil {
			return nil, err
		}
	}
	if err := yaml.UnmarshalWithOptions(data, t, yaml.DisallowUnknownField()); err != nil {
		return nil, yamlError(file, err)
	}
	t.Base = head.Base
	clearDerivedCMYK(t, af)
	if t.Name == "" {
		t.Name = name
	}
	t.File = file
	if err := t.validate(af); err != nil {
		return nil, err
	}
	return t, nil
}

// clearDerivedCMYK forgets the inherited CMYK of every colour whose rgb
// the file sets without a cmyk, so that it is derived from the new rgb
// rather than left from the base.
func clearDerivedCMYK(t *Template, af *ast.File) {
	v := reflect.ValueOf(&t.Colours).Elem()
	typ := v.Type()
	for i := 0; i < typ.NumField(); i++ {
		key, _, _ := strings.Cut(typ.Field(i).Tag.Get("yaml"), ",")
		path := "$.colours." + key
		if line(af, path+".rgb") > 0 && line(af, path+".cmyk") == 0 {
			v.Field(i).Addr().Interface().(*Colour).CMYK = nil
		}
	}
}

// defaults returns a fresh Template holding the values of defaults.yaml.
func defaults() (*Template, error) {
	data, err := builtins.ReadFile(defaultsFile)
	if err != nil {
		return nil, fmt.Errorf("templates: %v", err)
	}
	t := &Template{}
	if err := yaml.UnmarshalWithOptions(data, t, yaml.DisallowUnknownField()); err != nil {
		return nil, yamlError("builtin:defaults", err)
	}
	return t, nil
}

// yamlError turns a YAML error into an *Error with the line and a hint.
func yamlError(file string, err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) {
		msg := ye.GetMessage()
		if strings.HasPrefix(msg, "unknown field ") {
			msg = "unknown key " + strings.TrimPrefix(msg, "unknown field ")
		}
		e := &Error{File: file, Message: msg}
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			e.Line, e.Column = tk.Position.Line, tk.Position.Column
		}
		var uf *yaml.UnknownFieldError
		if errors.As(err, &uf) {
			e.Message += "; check the spelling against the keys in templates/README.md"
		}
		return e
	}
	return &Error{File: file, Message: err.Error()}
}

// line returns the line of the node at path (a YAML path such as
// "$.page.columns"), or 0 when the file does not set it.
func line(af *ast.File, path string) int {
	if af == nil {
		return 0
	}
	p, err := yaml.PathString(path)
	if err != nil {
		return 0
	}
	n, err := p.FilterFile(af)
	if err != nil || n == nil {
		return 0
	}
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		return tk.Position.Line
	}
	return 0
}

package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"leafpress/export/doc"
	"leafpress/fonts"
	"leafpress/layout"
)

// tool returns the path of a command-line tool, or skips the test naming
// the Debian package that has it.
func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not found: needs Debian package %s", name, pkg)
	}
	return p
}

// runTool runs a tool and returns its standard output.
func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String() + errb.String()
}

// saved writes b to a temporary file and returns its path.
func saved(t *testing.T, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// cachedSample returns the 3-page sample written with the named kind,
// writing it once per test run.
func cachedSample(t *testing.T, kind string) ([]byte, *Report) {
	t.Helper()
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if c, ok := cache[kind]; ok {
		return c.b, c.r
	}
	for _, k := range kinds {
		if k.name == kind {
			b, r := writeSample(t, sampleDoc(t, 3), k.opt)
			cache[kind] = cached{b, r}
			return b, r
		}
	}
	t.Fatalf("no sample kind %q", kind)
	return nil, nil
}

type cached struct {
	b []byte
	r *Report
}

var (
	cacheMu sync.Mutex
	cache   = map[string]cached{}
)

var kinds = []struct {
	name string
	opt  Options
}{
	{"screen", Options{Date: testDate}},
	{"print", Options{Print: true, Date: testDate, RegistrationMarks: true, Slug: "program-print.pdf"}},
	{"print-cmyk", Options{Print: true, Date: testDate, PictureCMYK: true}},
}

func TestFontsEmbeddedAndSubset(t *testing.T) {
	tool(t, "pdffonts", "poppler-utils")
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			b, r := cachedSample(t, k.name)
			out := runTool(t, "pdffonts", saved(t, b))
			lines := strings.Split(strings.TrimSpace(out), "\n")[2:]
			if len(lines) != 3 {
				t.Fatalf("pdffonts lists %d fonts, want 3 (Bebas Neue, Roboto Regular and Bold):\n%s", len(lines), out)
			}
			for _, l := range lines {
				f := strings.Fields(l)
				// name type... encoding emb sub uni object ID
				emb, sub := f[len(f)-5], f[len(f)-4]
				if emb != "yes" || sub != "yes" || !regexp.MustCompile(`^[A-Z]{6}\+`).MatchString(f[0]) {
					t.Errorf("font not embedded as a subset: %s", l)
				}
			}
			if len(r.Fonts) != 3 {
				t.Errorf("report lists %d fonts, want 3", len(r.Fonts))
			}
		})
	}
}

func TestQPDFCheck(t *testing.T) {
	tool(t, "qpdf", "qpdf")
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			b, _ := cachedSample(t, k.name)
			cmd := exec.Command("qpdf", "--check", saved(t, b))
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors") || strings.Contains(string(out), "WARNING") {
				t.Fatalf("qpdf --check: %v\n%s", err, out)
			}
		})
	}
}

// boxes reads pdfinfo -box output into page → box name → [x0 y0 x1 y1].
func boxes(t *testing.T, file string, pages int) map[int]map[string][4]float64 {
	out := runTool(t, "pdfinfo", "-box", "-f", "1", "-l", strconv.Itoa(pages), file)
	re := regexp.MustCompile(`Page\s+(\d+)\s+(MediaBox|CropBox|BleedBox|TrimBox|ArtBox):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)`)
	res := map[int]map[string][4]float64{}
	for _, m := range re.FindAllStringSubmatch(out, -1) {
		n, _ := strconv.Atoi(m[1])
		if res[n] == nil {
			res[n] = map[string][4]float64{}
		}
		var b [4]float64
		for i := range b {
			b[i], _ = strconv.ParseFloat(m[3+i], 64)
		}
		res[n][m[2]] = b
	}
	return res
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.015 }

func TestPageBoxes(t *testing.T) {
	tool(t, "pdfinfo", "poppler-utils")
	d := sampleDoc(t, 4)
	bleed := 3 * MM
	tests := []struct {
		name          string
		opt           Options
		trimW, trimH  float64
		bleed, margin float64 // margin: from media edge to trim
	}{
		{"screen", Options{Date: testDate}, a5W, a5H, 0, 0},
		{"print", Options{Print: true, Date: testDate}, a5W, a5H, bleed, bleed + 12*MM},
		{"print-10mm", Options{Print: true, Date: testDate, MarkSpace: 10 * MM}, a5W, a5H, bleed, bleed + 10*MM},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, r := writeSample(t, d, tc.opt)
			got := boxes(t, saved(t, b), 4)
			if len(got) != 4 {
				t.Fatalf("pdfinfo -box shows %d pages, want 4", len(got))
			}
			for n := 1; n <= 4; n++ {
				media, trim, bl := got[n]["MediaBox"], got[n]["TrimBox"], got[n]["BleedBox"]
				m := tc.margin
				wantMedia := [4]float64{0, 0, tc.trimW + 2*m, tc.trimH + 2*m}
				wantTrim := [4]float64{m, m, m + tc.trimW, m + tc.trimH}
				wantBleed := [4]float64{m - tc.bleed, m - tc.bleed, m + tc.trimW + tc.bleed, m + tc.trimH + tc.bleed}
				for i := range 4 {
					if !near(media[i], wantMedia[i]) || !near(trim[i], wantTrim[i]) || !near(bl[i], wantBleed[i]) {
						t.Fatalf("page %d: MediaBox %v TrimBox %v BleedBox %v, want %v %v %v", n, media, trim, bl, wantMedia, wantTrim, wantBleed)
					}
				}
				if w, h := trim[2]-trim[0], trim[3]-trim[1]; !near(w, 419.53) || !near(h, 595.28) {
					t.Errorf("page %d: trim size %.2f x %.2f, want A5 419.53 x 595.28", n, w, h)
				}
			}
			if len(r.Pages) != 4 {
				t.Errorf("report has %d pages", len(r.Pages))
			}
		})
	}
}

func TestScreenPageSize(t *testing.T) {
	tool(t, "pdfinfo", "poppler-utils")
	b, _ := writeSample(t, sampleDoc(t, 2), Options{Date: testDate})
	out := runTool(t, "pdfinfo", saved(t, b))
	if !strings.Contains(out, "Page size:       419.53 x 595.28 pts") {
		t.Errorf("screen PDF is not A5:\n%s", out)
	}
}

func TestText(t *testing.T) {
	tool(t, "pdftotext", "poppler-utils")
	for _, k := range kinds[:2] {
		t.Run(k.name, func(t *testing.T) {
			b, _ := cachedSample(t, k.name)
			out := runTool(t, "pdftotext", "-enc", "UTF-8", saved(t, b), "-")
			for _, want := range []string{"PIRÁTSKÉ LISTY", "Doprava a veřejný prostor", "Navštivte praha11.pirati.cz a přidejte se.",
				"Chceme dostupné bydlení pro mladé rodiny i seniory v celém obvodu.", "Strana 3"} {
				if !strings.Contains(out, want) {
					t.Errorf("pdftotext lacks %q:\n%s", want, out)
				}
			}
			if strings.Contains(out, "\u00a0") {
				t.Errorf("NO-BREAK SPACE reached the PDF text")
			}
		})
	}
}

// TestTextPosition checks that a run is drawn at its baseline: pdftotext
// -bbox gives each word's box.
func TestTextPosition(t *testing.T) {
	tool(t, "pdftotext", "poppler-utils")
	f := fonts.MustLoad(fonts.Regular)
	d := &layout.Document{Title: "t", Pages: []*layout.Page{{Number: 1, Width: a5W, Height: a5H, Boxes: run(fonts.Regular, 20, 100, 200, black, "Praha", "jedenáct")}}}
	b, _ := writeSample(t, d, Options{Date: testDate})
	out := runTool(t, "pdftotext", "-bbox", saved(t, b), "-")
	re := regexp.MustCompile(`xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">Praha<`)
	m := re.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no word Praha in\n%s", out)
	}
	x0, _ := strconv.ParseFloat(m[1], 64)
	x1, _ := strconv.ParseFloat(m[3], 64)
	if !near(x0, 100) || math.Abs(x1-(100+f.Advance("Praha", 20))) > 0.05 {
		t.Errorf("Praha spans x %.2f–%.2f, want 100–%.2f", x0, x1, 100+f.Advance("Praha", 20))
	}
	m2 := regexp.MustCompile(`xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" yMax="[\d.]+">jedenáct<`).FindStringSubmatch(out)
	if m2 == nil {
		t.Fatalf("no word jedenáct in\n%s", out)
	}
	x2, _ := strconv.ParseFloat(m2[1], 64)
	if want := 100 + f.Advance("Praha ", 20); math.Abs(x2-want) > 0.05 {
		t.Errorf("second word starts at %.2f, want %.2f", x2, want)
	}
}

// TestScaledText checks that a run with a glyph scale (a justified
// line's expansion) is drawn that much wider or narrower, and the runs
// after it where layout put them: pdftotext -bbox gives each word's box.
func TestScaledText(t *testing.T) {
	tool(t, "pdftotext", "poppler-utils")
	f := fonts.MustLoad(fonts.Regular)
	boxes := run(fonts.Regular, 20, 100, 200, black, "Praha", "jedenáct", "Lipová")
	boxes[0].(*layout.TextRun).Scale = 1.02
	boxes[1].(*layout.TextRun).Scale = 0.98
	d := &layout.Document{Title: "t", Pages: []*layout.Page{{Number: 1, Width: a5W, Height: a5H, Boxes: boxes}}}
	b, _ := writeSample(t, d, Options{Date: testDate})
	out := runTool(t, "pdftotext", "-bbox", saved(t, b), "-")
	for i, w := range []string{"Praha", "jedenáct", "Lipová"} {
		tr := boxes[i].(*layout.TextRun)
		m := regexp.MustCompile(`xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">` + w + `<`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("no word %s in\n%s", w, out)
		}
		x0, _ := strconv.ParseFloat(m[1], 64)
		x1, _ := strconv.ParseFloat(m[2], 64)
		scale := tr.Scale
		if scale == 0 {
			scale = 1
		}
		if want := tr.X + f.Advance(w, 20)*scale; math.Abs(x0-tr.X) > 0.05 || math.Abs(x1-want) > 0.05 {
			t.Errorf("%s spans x %.2f–%.2f, want %.2f–%.2f", w, x0, x1, tr.X, want)
		}
	}
}

func TestPictureResolution(t *testing.T) {
	tool(t, "pdfimages", "poppler-utils")
	b, r := cachedSample(t, "print")
	out := runTool(t, "pdfimages", "-list", saved(t, b))
	// page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
	type row struct {
		w, h       int
		xppi, yppi int
		enc        string
	}
	var rows []row
	for _, l := range strings.Split(out, "\n")[2:] {
		f := strings.Fields(l)
		if len(f) < 14 || f[2] != "image" {
			continue
		}
		w, _ := strconv.Atoi(f[3])
		h, _ := strconv.Atoi(f[4])
		x, _ := strconv.Atoi(f[12])
		y, _ := strconv.Atoi(f[13])
		rows = append(rows, row{w, h, x, y, f[8]})
	}
	if len(rows) != 3 {
		t.Fatalf("pdfimages lists %d images, want 3:\n%s", len(rows), out)
	}
	// The 3000 px photograph in a 200 pt frame: 300 ppi, not more.
	if rows[0].xppi < 299 || rows[0].xppi > 301 || rows[0].enc != "jpeg" {
		t.Errorf("big photograph stored at %d ppi (%s), want 300 ppi JPEG", rows[0].xppi, rows[0].enc)
	}
	// The 200 px photograph: stored at its own size, not upsampled.
	if rows[2].w != 200 || rows[2].h != 150 {
		t.Errorf("small photograph stored at %dx%d px, want its own 200x150", rows[2].w, rows[2].h)
	}
	// The flat logo: lossless.
	if rows[1].enc != "image" {
		t.Errorf("flat drawing stored as %s, want Flate (image)", rows[1].enc)
	}
	var low int
	for _, p := range r.Problems {
		if strings.Contains(p.Message, "ppi at its printed size") {
			low++
		}
	}
	if low != 1 {
		t.Errorf("%d low-resolution warnings, want 1 (small.jpg): %v", low, r.Problems)
	}
}

func TestPicturesDecodedOnce(t *testing.T) {
	dir := t.TempDir()
	big, _, _ := pictureFiles(t, dir)
	var boxes []layout.Box
	for i := range 6 {
		boxes = append(boxes, &layout.ImageBox{Rect: layout.Rect{X: 20, Y: 20 + float64(i)*90, W: 120, H: 80}, Image: &doc.Image{Src: "big.jpg", Path: big}})
	}
	d := &layout.Document{Pages: []*layout.Page{{Number: 1, Width: a5W, Height: a5H, Boxes: boxes}, {Number: 2, Width: a5W, Height: a5H, Boxes: boxes[:1]}}}
	b, r := writeSample(t, d, Options{Date: testDate})
	if got := bytes.Count(b, []byte("/Subtype /Image")); got != 1 {
		t.Errorf("the same picture in the same frame size is stored %d times, want once", got)
	}
	if len(r.Pictures) != 7 {
		t.Errorf("report lists %d placed pictures, want 7", len(r.Pictures))
	}
}

func TestPrintHasNoRGB(t *testing.T) {
	d := sampleDoc(t, 3)
	for _, tc := range []struct {
		opt     Options
		wantRGB bool
	}{
		{Options{Date: testDate, Uncompressed: true}, true},
		{Options{Print: true, Date: testDate, Uncompressed: true, RegistrationMarks: true, Slug: "x.pdf"}, false},
	} {
		b, _ := writeSample(t, d, tc.opt)
		content := pageContent(t, b)
		rgb := regexp.MustCompile(`(?m)(^|\s)[\d.]+ [\d.]+ [\d.]+ (rg|RG)($|\s)`).FindString(content)
		cmyk := regexp.MustCompile(`(?m)(^|\s)[\d.]+ [\d.]+ [\d.]+ [\d.]+ (k|K)($|\s)`).FindString(content)
		if tc.wantRGB && (rgb == "" || cmyk != "") {
			t.Errorf("screen PDF: want RGB colour only, found rg %q, k %q", rgb, cmyk)
		}
		if !tc.wantRGB && (rgb != "" || cmyk == "") {
			t.Errorf("print PDF: want CMYK colour only, found rg %q, k %q", rgb, cmyk)
		}
		if !tc.wantRGB {
			if strings.Contains(string(b), "/SMask") || strings.Contains(string(b), "/Group") || strings.Contains(string(b), "/ca ") {
				t.Errorf("print PDF has transparency")
			}
			// Black text is black ink only.
			if !strings.Contains(content, "0 0 0 1 k") {
				t.Errorf("print PDF has no text in K 100")
			}
		}
	}
}

// pageContent returns the content streams of an uncompressed PDF.
func pageContent(t *testing.T, b []byte) string {
	t.Helper()
	var out strings.Builder
	re := regexp.MustCompile(`(?s)<<\s*/Length (\d+)>>\nstream\n`)
	for _, m := range re.FindAllSubmatchIndex(b, -1) {
		n, _ := strconv.Atoi(string(b[m[2]:m[3]]))
		out.Write(b[m[1] : m[1]+n])
		out.WriteByte('\n')
	}
	if out.Len() == 0 {
		t.Fatal("no uncompressed content streams found")
	}
	return out.String()
}

func TestInkCoverageBlackOnly(t *testing.T) {
	tool(t, "gs", "ghostscript")
	d := sampleDoc(t, 2) // page 2 is text only
	b, _ := writeSample(t, d, Options{Print: true, Date: testDate, RegistrationMarks: true, Slug: "x.pdf"})
	out := runTool(t, "gs", "-q", "-dSAFER", "-dNOPAUSE", "-dBATCH", "-dUseTrimBox", "-dFirstPage=2", "-dLastPage=2", "-o", "-", "-sDEVICE=inkcov", saved(t, b))
	f := strings.Fields(out)
	if len(f) < 4 {
		t.Fatalf("gs inkcov: %q", out)
	}
	var ink [4]float64
	for i := range ink {
		ink[i], _ = strconv.ParseFloat(f[i], 64)
	}
	if ink[0] != 0 || ink[1] != 0 || ink[2] != 0 || ink[3] <= 0 {
		t.Errorf("text-only page inks C %.5f M %.5f Y %.5f K %.5f, want K only", ink[0], ink[1], ink[2], ink[3])
	}
	// The title page has the brand colour: the check can see colour inks.
	out = runTool(t, "gs", "-q", "-dSAFER", "-dNOPAUSE", "-dBATCH", "-dUseTrimBox", "-dFirstPage=1", "-dLastPage=1", "-o", "-", "-sDEVICE=inkcov", saved(t, b))
	if f := strings.Fields(out); len(f) < 2 || f[0] == "0.00000" {
		t.Errorf("title page shows no cyan: %q", out)
	}
}

func TestCropMarksOutsideBleed(t *testing.T) {
	tool(t, "pdftoppm", "poppler-utils")
	// An empty page: anything dark on it is a mark.
	d := &layout.Document{Pages: []*layout.Page{{Number: 1, Width: a5W, Height: a5H, Bleed: 3 * MM}}}
	b, r := writeSample(t, d, Options{Print: true, Date: testDate, RegistrationMarks: true})
	dir := t.TempDir()
	runTool(t, "pdftoppm", "-r", "72", "-png", "-singlefile", saved(t, b), filepath.Join(dir, "p"))
	fh, err := os.Open(filepath.Join(dir, "p.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	img, err := png.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	bb := r.Pages[0].BleedBox
	H := r.Pages[0].MediaBox.Y1
	// Pixels of the bleed box, in image coordinates (72 dpi: 1 px = 1 pt).
	bleed := image.Rect(int(math.Floor(bb.X0)), int(math.Floor(H-bb.Y1)), int(math.Ceil(bb.X1)), int(math.Ceil(H-bb.Y0)))
	var inside, outside int
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r+g+b > 3*0xf000 {
				continue
			}
			if (image.Point{x, y}).In(bleed) {
				inside++
			} else {
				outside++
			}
		}
	}
	if inside > 0 {
		t.Errorf("%d mark pixels inside the BleedBox %v", inside, bleed)
	}
	if outside < 8*10 {
		t.Errorf("only %d mark pixels outside the bleed: crop marks missing?", outside)
	}
}

// qpdfJSON returns qpdf's JSON view of a file.
func qpdfJSON(t *testing.T, file string, args ...string) map[string]any {
	out := runTool(t, "qpdf", append([]string{"--json"}, append(args, file)...)...)
	var v map[string]any
	if err := json.Unmarshal([]byte(out[strings.Index(out, "{"):]), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestBookmarks(t *testing.T) {
	tool(t, "qpdf", "qpdf")
	b, _ := writeSample(t, sampleDoc(t, 4), Options{Date: testDate})
	v := qpdfJSON(t, saved(t, b), "--json-key=outlines")
	var titles []string
	var walk func(items []any, depth int)
	walk = func(items []any, depth int) {
		for _, it := range items {
			o := it.(map[string]any)
			titles = append(titles, strings.Repeat("-", depth)+o["title"].(string)+"@"+strconv.Itoa(int(o["destpageposfrom1"].(float64))))
			walk(o["kids"].([]any), depth+1)
		}
	}
	walk(v["outlines"].([]any), 0)
	want := "Kapitola 1@1 -Doprava@1 -Bydlení@2 Kapitola 4@4 -Doprava@4"
	if got := strings.Join(titles, " "); got != want {
		t.Errorf("outline\n got %s\nwant %s", got, want)
	}
}

func TestLinks(t *testing.T) {
	tool(t, "qpdf", "qpdf")
	// A print PDF has no annotations (PDF/X).
	pb, _ := writeSample(t, sampleDoc(t, 1), Options{Print: true, Date: testDate})
	if out := runTool(t, "qpdf", "--qdf", "--object-streams=disable", saved(t, pb), "-"); strings.Contains(out, "/Annots") {
		t.Errorf("the print PDF has annotations")
	}
	b, _ := writeSample(t, sampleDoc(t, 1), Options{Date: testDate})
	out := strings.Join(strings.Fields(runTool(t, "qpdf", "--qdf", "--object-streams=disable", saved(t, b), "-")), " ")
	if !strings.Contains(out, "/URI (https://praha11.pirati.cz)") || !strings.Contains(out, "/Subtype /Link") {
		t.Errorf("no link annotation to https://praha11.pirati.cz")
	}
	// The link is over the text it belongs to: 70,300 (80 × 12 pt) on
	// the page.
	m := 0.0
	r := regexp.MustCompile(`/Rect \[ ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) \]`).FindStringSubmatch(out)
	if r == nil {
		t.Fatal("link annotation has no /Rect")
	}
	var got [4]float64
	for i := range got {
		got[i], _ = strconv.ParseFloat(r[i+1], 64)
	}
	x0, x1 := min(got[0], got[2]), max(got[0], got[2])
	y0, y1 := min(got[1], got[3]), max(got[1], got[3])
	sheetH := a5H + 2*m
	want := [4]float64{m + 70, sheetH - (m + 300 + 12), m + 150, sheetH - (m + 300)}
	for i, v := range [4]float64{x0, y0, x1, y1} {
		if math.Abs(v-want[i]) > 0.01 {
			t.Errorf("link rectangle %v, want %v", r[1:], want)
			break
		}
	}
}

func TestMetadata(t *testing.T) {
	tool(t, "qpdf", "qpdf")
	tool(t, "pdfinfo", "poppler-utils")
	for _, k := range kinds[:2] {
		b, _ := cachedSample(t, k.name)
		file := saved(t, b)
		info := runTool(t, "pdfinfo", file)
		for _, want := range []string{"Title:           Program pro Prahu 11", "Author:          Jiří Dohnal, Martin Duška",
			"Subject:         Komunální volby 2024", "Keywords:        program, Praha 11", "Creator:         leafpress",
			"CreationDate:    Wed May  1 12:00:00 2024 UTC", "Metadata Stream: yes"} {
			if !strings.Contains(info, want) {
				t.Errorf("%s: pdfinfo lacks %q:\n%s", k.name, want, info)
			}
		}
		qdf := runTool(t, "qpdf", "--qdf", "--object-streams=disable", file, "-")
		for _, want := range []string{"/Lang (cs)", "/Trapped /False", "<pdf:Trapped>False</pdf:Trapped>", "<dc:language><rdf:Bag><rdf:li>cs</rdf:li>"} {
			if !strings.Contains(qdf, want) {
				t.Errorf("%s: no %s", k.name, want)
			}
		}
		intent := strings.Contains(qdf, "/S /GTS_PDFX") && strings.Contains(qdf, "/OutputConditionIdentifier (FOGRA39)")
		if intent != k.opt.Print {
			t.Errorf("%s: output intent present %v, want %v", k.name, intent, k.opt.Print)
		}
	}
}

func TestReproducible(t *testing.T) {
	d := sampleDoc(t, 4)
	for _, k := range kinds {
		a, _ := writeSample(t, d, k.opt)
		b, _ := writeSample(t, d, k.opt)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two writes differ", k.name)
		}
		opt := k.opt
		opt.Date = opt.Date.AddDate(0, 0, 1)
		c, _ := writeSample(t, d, opt)
		if bytes.Equal(a, c) {
			t.Errorf("%s: a different date gives the same bytes", k.name)
		}
	}
}

func TestMissingPicture(t *testing.T) {
	d := sampleDoc(t, 3)
	_, r := writeSample(t, d, Options{Date: testDate})
	var missing []PictureInfo
	for _, p := range r.Pictures {
		if p.Missing != "" {
			missing = append(missing, p)
		}
	}
	if len(missing) != 1 || missing[0].Src != "chybi.jpg" || missing[0].Page != 3 {
		t.Fatalf("missing pictures %+v, want chybi.jpg on page 3", missing)
	}
	found := false
	for _, p := range r.Problems {
		found = found || strings.Contains(p.String(), "chybi.jpg") && strings.Contains(p.Message, "page 3")
	}
	if !found {
		t.Errorf("no warning names chybi.jpg on page 3: %v", r.Problems)
	}
}

func TestBrokenPictures(t *testing.T) {
	dir := t.TempDir()
	svg := filepath.Join(dir, "logo.svg")
	os.WriteFile(svg, []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), 0o644)
	trunc := filepath.Join(dir, "cut.png")
	var buf bytes.Buffer
	png.Encode(&buf, image.NewGray(image.Rect(0, 0, 50, 50)))
	os.WriteFile(trunc, buf.Bytes()[:60], 0o644)
	d := &layout.Document{Pages: []*layout.Page{{Number: 1, Width: a5W, Height: a5H, Boxes: []layout.Box{
		&layout.ImageBox{Rect: layout.Rect{X: 10, Y: 10, W: 100, H: 100}, Image: &doc.Image{Src: "logo.svg", Path: svg}},
		&layout.ImageBox{Rect: layout.Rect{X: 10, Y: 200, W: 100, H: 100}, Image: &doc.Image{Src: "cut.png", Path: trunc}},
		&layout.ImageBox{Rect: layout.Rect{X: 10, Y: 400, W: 100, H: 100}, Image: &doc.Image{Src: "gone.png", Path: filepath.Join(dir, "gone.png")}},
		&layout.ImageBox{Rect: layout.Rect{X: 200, Y: 10, W: 100, H: 100}},
	}}}}
	_, r := writeSample(t, d, Options{Date: testDate})
	want := map[string]string{"logo.svg": "SVG", "cut.png": "damaged", "gone.png": "not found", "": "no picture"}
	for _, p := range r.Pictures {
		if !strings.Contains(p.Missing, want[p.Src]) {
			t.Errorf("%s: missing %q, want it to say %q", p.Src, p.Missing, want[p.Src])
		}
	}
	// A frame with no picture at all (a chapter without one) is in the
	// report but not warned about again: layout names the chapter.
	if len(r.Problems) != 3 {
		t.Errorf("%d problems, want 3: %v", len(r.Problems), r.Problems)
	}
	for _, p := range r.Problems {
		if p.File == "" {
			t.Errorf("a warning names no file: %v", p)
		}
	}
}

func TestOverflowAndGlyphs(t *testing.T) {
	d := &layout.Document{Pages: []*layout.Page{{Number: 1, Width: a5W, Height: a5H, Bleed: 3 * MM, Boxes: []layout.Box{
		&layout.FillBox{Rect: layout.Rect{X: -3 * MM, Y: -3 * MM, W: a5W + 6*MM, H: 50}, Colour: brand}, // bleeds: fine
	}}}}
	d.Pages[0].Boxes = append(d.Pages[0].Boxes, run(fonts.Regular, 12, a5W-20, 100, black, "přetéká")...)
	d.Pages[0].Boxes = append(d.Pages[0].Boxes, run(fonts.Display, 12, 20, 200, black, "řeka", "✓")...)
	_, r := writeSample(t, d, Options{Print: true, Date: testDate})
	if len(r.Overflows) != 1 || !strings.Contains(r.Overflows[0].What, "přetéká") {
		t.Errorf("overflows %+v, want the text run past the right edge only", r.Overflows)
	}
	var missing string
	for _, f := range r.Fonts {
		missing += f.Missing
	}
	if missing != "✓" {
		t.Errorf("missing glyphs %q, want ✓", missing)
	}
}

func TestColourWithoutCMYK(t *testing.T) {
	d := &layout.Document{Pages: []*layout.Page{{Number: 1, Width: a5W, Height: a5H, Boxes: []layout.Box{
		&layout.FillBox{Rect: layout.Rect{X: 10, Y: 10, W: 50, H: 50}, Colour: layout.Colour{R: 255, G: 0, B: 0}},
	}}}}
	b, r := writeSample(t, d, Options{Print: true, Date: testDate, Uncompressed: true})
	if !strings.Contains(pageContent(t, b), "0 1 1 0 k") {
		t.Errorf("RGB red without CMYK not printed as 0 1 1 0 k")
	}
	if len(r.Problems) != 1 || !strings.Contains(r.Problems[0].Message, "#ff0000") {
		t.Errorf("problems %v, want one about #ff0000", r.Problems)
	}
}

func TestPictureCMYK(t *testing.T) {
	b, r := writeSample(t, sampleDoc(t, 1), Options{Print: true, Date: testDate, PictureCMYK: true})
	if r.PictureColour != "CMYK" {
		t.Errorf("report says pictures are %s", r.PictureColour)
	}
	n := 0
	for _, p := range r.Pictures {
		if p.ColourSpace != "DeviceCMYK" {
			t.Errorf("%s stored as %s", p.Src, p.ColourSpace)
		}
		n++
	}
	if n == 0 || bytes.Count(b, []byte("/ColorSpace /DeviceCMYK")) != n {
		t.Errorf("want %d CMYK image objects", n)
	}
	// Check one pixel of the stored logo: brand purple, not black or white.
	m := regexp.MustCompile(`<<[^>]*/ColorSpace /DeviceCMYK[^>]*>>\nstream\n`)
	s := -1
	for _, loc := range m.FindAllIndex(b, -1) {
		if d := string(b[loc[0]:loc[1]]); strings.Contains(d, "/Width 400") && strings.Contains(d, "/Height 400") {
			s = loc[1]
		}
	}
	if s < 0 {
		t.Fatal("logo not stored in CMYK")
	}
	zr, err := zlib.NewReader(bytes.NewReader(b[s:]))
	if err != nil {
		t.Fatal(err)
	}
	px, _ := io.ReadAll(zr)
	centre := (200*400 + 200) * 4
	if c := px[centre : centre+4]; c[0] < 100 || c[1] < 100 {
		t.Errorf("logo centre stored as CMYK %v, want a purple", c)
	}
}

func TestNoPages(t *testing.T) {
	if _, err := Write(io.Discard, &layout.Document{}, Options{}); err == nil {
		t.Error("an empty document gave no error")
	}
}

func TestCleanText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"a\u00a0b", "a b"},
		{"roz\u00addělení", "rozdělení"},
		{"x\u200by\tz", "xy z"},
		{"5\u202f000", "5\u202f000"}, // kept where the face has it
	} {
		if got := cleanText(tc.in); got != tc.want {
			t.Errorf("cleanText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func BenchmarkPDF(b *testing.B) {
	d := sampleDoc(b, 200)
	for _, k := range kinds[:2] {
		b.Run(k.name, func(b *testing.B) {
			var size int
			for b.Loop() {
				var buf bytes.Buffer
				if _, err := Write(&buf, d, k.opt); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size)/1e6, "MB")
		})
	}
}

func TestEmojiAndBookmarkWithoutText(t *testing.T) {
	tool(t, "qpdf", "qpdf")
	d := &layout.Document{Pages: []*layout.Page{
		{Number: 1, Width: a5W, Height: a5H, Boxes: []layout.Box{&layout.Anchor{Y: 10, Title: "Úvod"}}},
		{Number: 2, Width: a5W, Height: a5H, Boxes: run(fonts.Regular, 12, 20, 100, black, "Volte", "🏴‍☠️", "piráty")},
	}}
	b, r := writeSample(t, d, Options{Date: testDate})
	if len(r.Fonts) != 1 || !strings.Contains(r.Fonts[0].Missing, "🏴") {
		t.Errorf("emoji not reported missing: %+v", r.Fonts)
	}
	v := qpdfJSON(t, saved(t, b), "--json-key=outlines")
	outlines := v["outlines"].([]any)
	if len(outlines) != 1 || outlines[0].(map[string]any)["title"] != "Úvod" {
		t.Errorf("outline %v, want Úvod", outlines)
	}
	// No text at all: no font to encode the title with.
	b, _ = writeSample(t, &layout.Document{Pages: d.Pages[:1]}, Options{Date: testDate})
	v = qpdfJSON(t, saved(t, b), "--json-key=outlines")
	outlines = v["outlines"].([]any)
	if len(outlines) != 1 || outlines[0].(map[string]any)["title"] != "Úvod" {
		t.Errorf("outline without text %v, want Úvod", outlines)
	}
}

func TestConcurrentWrites(t *testing.T) {
	d := sampleDoc(t, 3)
	want, _ := writeSample(t, d, kinds[1].opt)
	done := make(chan []byte)
	for range 3 {
		go func() {
			var buf bytes.Buffer
			Write(&buf, d, kinds[1].opt)
			done <- buf.Bytes()
		}()
	}
	for range 3 {
		if got := <-done; !bytes.Equal(got, want) {
			t.Error("concurrent write gave different bytes")
		}
	}
}

// TestPictureUpright checks that a photo stored on its side is drawn
// upright, also when an XMP segment comes before its EXIF one, as layout
// (export/exif) reads it for the crop.
func TestPictureUpright(t *testing.T) {
	var plain bytes.Buffer
	if err := jpeg.Encode(&plain, image.NewGray(image.Rect(0, 0, 300, 100)), nil); err != nil {
		t.Fatal(err)
	}
	segment := func(marker byte, data []byte) []byte {
		return append([]byte{0xFF, marker, byte((len(data) + 2) >> 8), byte(len(data) + 2)}, data...)
	}
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00\x00\x00\x00\x00")
	var b []byte
	b = append(b, 0xFF, 0xD8)
	b = append(b, segment(0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta/>"))...)
	b = append(b, segment(0xE1, append([]byte("Exif\x00\x00"), tiff...))...)
	b = append(b, plain.Bytes()[2:]...)
	path := filepath.Join(t.TempDir(), "na-boku.jpg")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	d := &layout.Document{Pages: []*layout.Page{{Number: 1, Width: a5W, Height: a5H, Boxes: []layout.Box{
		&layout.ImageBox{Rect: layout.Rect{X: 20, Y: 20, W: 100, H: 300}, Image: &doc.Image{Src: "na-boku.jpg", Path: path}},
	}}}}
	_, r := writeSample(t, d, Options{Date: testDate})
	if len(r.Pictures) != 1 || r.Pictures[0].SourceWidth != 100 || r.Pictures[0].SourceHeight != 300 {
		t.Errorf("pictures %+v, want one of 100x300 px upright", r.Pictures)
	}
}

// TestPlacementsShareOneImage places one photograph three times in frames
// of different shapes, one showing only its top-left quarter: the PDF
// holds one image object, and each frame, rendered by pdftoppm, shows the
// part of the photograph it should (the photograph's green grows from
// left to right, its blue from top to bottom).
func TestPlacementsShareOneImage(t *testing.T) {
	tool(t, "pdftoppm", "poppler-utils")
	big, _, _ := sharedPictures(t) // 1800×1200
	im := &doc.Image{Src: "big.jpg", Path: big}
	frames := []*layout.ImageBox{
		{Rect: layout.Rect{X: 20, Y: 20, W: 180, H: 120}, Image: im},                                                 // the whole picture
		{Rect: layout.Rect{X: 220, Y: 20, W: 100, H: 200}, Image: im},                                                // a tall centred strip
		{Rect: layout.Rect{X: 20, Y: 260, W: 150, H: 100}, Image: im, Crop: layout.Rect{X: 0, Y: 0, W: 900, H: 600}}, // top-left quarter
	}
	var boxes []layout.Box
	for _, f := range frames {
		boxes = append(boxes, f)
	}
	d := &layout.Document{Pages: []*layout.Page{{Number: 1, Width: a5W, Height: a5H, Boxes: boxes}}}
	b, r := writeSample(t, d, Options{Date: testDate})
	if n := bytes.Count(b, []byte("/Subtype /Image")); n != 1 {
		t.Errorf("%d image objects for one picture in three frames, want 1", n)
	}
	if len(r.Pictures) != 3 {
		t.Fatalf("report lists %d placements, want 3", len(r.Pictures))
	}
	dir := t.TempDir()
	runTool(t, "pdftoppm", "-r", "72", saved(t, b), filepath.Join(dir, "p"))
	raw, err := os.ReadFile(filepath.Join(dir, "p-1.ppm"))
	if err != nil {
		t.Fatal(err)
	}
	f := bytes.Fields(raw[:20])
	w, _ := strconv.Atoi(string(f[1]))
	h, _ := strconv.Atoi(string(f[2]))
	pix := raw[len(raw)-w*h*3:]
	at := func(x, y float64) (g, bl int) {
		i := (int(y)*w + int(x)) * 3
		return int(pix[i+1]), int(pix[i+2])
	}
	// Frame centre and the fraction of the photograph's width and height
	// it should show there; 1 px (72 dpi) = 1 pt.
	for i, c := range []struct{ x, y, fx, fy float64 }{
		{110, 80, 0.5, 0.5},    // centre of the whole picture
		{230, 30, 0.367, 0.05}, // near the strip's top-left: the centred strip is x 600-1200, 10 of its 100 pt in: x 660
		{95, 310, 0.25, 0.25},  // centre of the top-left quarter
		{25, 265, 0.01, 0.01},  // its top-left corner
	} {
		g, bl := at(c.x, c.y)
		wantG, wantB := int(c.fx*255), int(c.fy*255)
		if abs(g-wantG) > 25 || abs(bl-wantB) > 25 {
			t.Errorf("point %d at (%v, %v): green %d blue %d, want about %d and %d", i, c.x, c.y, g, bl, wantG, wantB)
		}
	}
}

func abs(v int) int { return max(v, -v) }

// TestJPEGPassthrough: a JPEG that needs no resampling is embedded as the
// file's own bytes; one that does is not.
func TestJPEGPassthrough(t *testing.T) {
	big, small, _ := sharedPictures(t)
	file, err := os.ReadFile(small)
	if err != nil {
		t.Fatal(err)
	}
	d := &layout.Document{Pages: []*layout.Page{{Number: 1, Width: a5W, Height: a5H, Boxes: []layout.Box{
		&layout.ImageBox{Rect: layout.Rect{X: 20, Y: 20, W: 200, H: 150}, Image: &doc.Image{Src: "small.jpg", Path: small}},
		&layout.ImageBox{Rect: layout.Rect{X: 20, Y: 200, W: 60, H: 40}, Image: &doc.Image{Src: "big.jpg", Path: big}},
	}}}}
	b, r := writeSample(t, d, Options{Print: true, Date: testDate})
	if !r.Pictures[0].Passthrough || !bytes.Contains(b, file) {
		t.Errorf("small.jpg (under 300 ppi) was not embedded as it is: %+v", r.Pictures[0])
	}
	if r.Pictures[1].Passthrough || r.Pictures[1].Width != 250 {
		t.Errorf("big.jpg in a 60 pt frame: %+v, want resampled to 250 px (300 ppi)", r.Pictures[1])
	}
}

// TestPNGPassthrough: an opaque RGB PNG that needs no resampling is
// embedded with its own compressed data (PNG predictors) and renders with
// its colours.
func TestPNGPassthrough(t *testing.T) {
	tool(t, "pdftoppm", "poppler-utils")
	img := image.NewRGBA(image.Rect(0, 0, 200, 100))
	for y := range 100 {
		for x := range 200 {
			img.Pix[img.PixOffset(x, y)+0] = uint8(x)
			img.Pix[img.PixOffset(x, y)+1] = uint8(2 * y)
			img.Pix[img.PixOffset(x, y)+2] = 200
			img.Pix[img.PixOffset(x, y)+3] = 255
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "rgb.png")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	d := &layout.Document{Pages: []*layout.Page{{Number: 1, Width: 200, Height: 100, Boxes: []layout.Box{
		&layout.ImageBox{Rect: layout.Rect{W: 200, H: 100}, Image: &doc.Image{Src: "rgb.png", Path: path}},
	}}}}
	b, r := writeSample(t, d, Options{Date: testDate})
	if !r.Pictures[0].Passthrough || !bytes.Contains(b, []byte("/Predictor 15")) {
		t.Errorf("the PNG was not embedded with its own data: %+v", r.Pictures[0])
	}
	dir := t.TempDir()
	runTool(t, "pdftoppm", "-r", "72", saved(t, b), filepath.Join(dir, "p"))
	raw, err := os.ReadFile(filepath.Join(dir, "p-1.ppm"))
	if err != nil {
		t.Fatal(err)
	}
	pix := raw[len(raw)-200*100*3:]
	for _, pt := range [][2]int{{10, 10}, {150, 80}, {199, 99}} {
		i := (pt[1]*200 + pt[0]) * 3
		if got := pix[i : i+3]; abs(int(got[0])-pt[0]) > 3 || abs(int(got[1])-2*pt[1]) > 3 || abs(int(got[2])-200) > 3 {
			t.Errorf("pixel %v rendered %v, want %d %d 200", pt, got, pt[0], 2*pt[1])
		}
	}
}

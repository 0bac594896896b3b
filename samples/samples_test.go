package samples

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"path"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"golang.org/x/text/encoding/charmap"
)

// chapterDir is where the sample programme's chapters live.
const chapterDir = "_program/2026-lipova"

// frontMatter splits a chapter (already UTF-8, BOM and CR removed) into
// its front matter and body; ok is false when there is no closed front
// matter.
func frontMatter(src string) (fm, body string, ok bool) {
	if !strings.HasPrefix(src, "---\n") {
		return "", src, false
	}
	rest := src[4:]
	end := strings.Index(rest, "\n---\n")
	if end < 0 {
		return "", src, false
	}
	return rest[:end+1], rest[end+5:], true
}

// readText reads a chapter as UTF-8 text with LF line endings, decoding
// Windows-1250 when the bytes are not UTF-8, as a reader of real input must.
func readText(t *testing.T, fsys fs.FS, name string) string {
	t.Helper()
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.Valid(b) {
		b, err = charmap.Windows1250.NewDecoder().Bytes(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	return strings.ReplaceAll(string(b), "\r\n", "\n")
}

type chapterMeta struct {
	Title    string `yaml:"title"`
	UID      string `yaml:"uid"`
	Order    int    `yaml:"order"`
	Category string `yaml:"campaignCategoryUid"`
	Garant   string `yaml:"garant"`
	Img      string `yaml:"img"`
	Lang     string `yaml:"lang"`
	Intro    string `yaml:"intro"`
}

func readMeta(t *testing.T, fsys fs.FS, name string) (chapterMeta, string) {
	t.Helper()
	fm, body, ok := frontMatter(readText(t, fsys, name))
	if !ok {
		t.Fatalf("%s: no closed front matter", name)
	}
	var m chapterMeta
	if err := yaml.Unmarshal([]byte(fm), &m); err != nil {
		t.Fatalf("%s: front matter: %v", name, err)
	}
	return m, body
}

func TestFilesPresent(t *testing.T) {
	for _, name := range []string{
		"_program/2022-komunalni/bezpecnost.md",
		chapterDir + "/doprava.md",
		chapterDir + "/bydleni.md",
		chapterDir + "/skolstvi.md",
		chapterDir + "/zivotni-prostredi.md",
		chapterDir + "/otevrena-radnice.md",
		chapterDir + "/kultura-a-sport.md",
		chapterDir + "/socialni-pece.md",
		chapterDir + "/doprava-en.md",
		chapterDir + "/strategie.md",
		chapterDir + "/_test.r",
		chapterDir + "/notes.txt",
		chapterDir + "/_draft.md",
		"_people/petr-holub.md",
		"_people/jana-vesela.md",
		"_data/campaigns.yml",
		"assets/img/program/2026/doprava.png",
		"assets/img/program/2026/bydleni.jpg",
		"assets/img/program/2026/lipova-panorama.jpg",
		"assets/img/program/program2022-nahledy/bezpecnost.png",
	} {
		t.Run(name, func(t *testing.T) {
			fi, err := fs.Stat(FS, name)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Size() == 0 {
				t.Errorf("%s is empty", name)
			}
		})
	}
	for _, name := range []string{"genimages.go", "site", "broken", "README.md"} {
		if _, err := fs.Stat(FS, name); err == nil {
			t.Errorf("FS holds %q: it must be rooted at the site", name)
		}
	}
}

// The real chapter must stay exactly as it was published.
func TestSeedChapterUnchanged(t *testing.T) {
	b, err := fs.ReadFile(FS, "_program/2022-komunalni/bezpecnost.md")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	const want = "b8c517e1b482600e5cfbb032555c5532bb411ac9acea0def32288d7ae39ff7fc"
	if got := hex.EncodeToString(sum[:]); got != want {
		t.Errorf("seed chapter changed: sha256 %s, want %s", got, want)
	}
}

func TestWindows1250(t *testing.T) {
	name := chapterDir + "/bydleni.md"
	b, err := fs.ReadFile(FS, name)
	if err != nil {
		t.Fatal(err)
	}
	if utf8.Valid(b) {
		t.Fatalf("%s is valid UTF-8; it must be saved as Windows-1250", name)
	}
	text, err := charmap.Windows1250.NewDecoder().String(string(b))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"title: Bydlení", "Městské byty", "přidělují", "„startovací byty“"} {
		if !strings.Contains(text, want) {
			t.Errorf("%s decoded as Windows-1250 lacks %q", name, want)
		}
	}
}

func TestCRLFAndBOM(t *testing.T) {
	name := chapterDir + "/skolstvi.md"
	b, err := fs.ReadFile(FS, name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
		t.Errorf("%s does not start with a UTF-8 BOM", name)
	}
	crlf := bytes.Count(b, []byte("\r\n"))
	lf := bytes.Count(b, []byte("\n"))
	if crlf < 10 || crlf != lf {
		t.Errorf("%s: %d CRLF of %d line ends; want all CRLF", name, crlf, lf)
	}
	// the other chapters are plain LF files
	other, _ := fs.ReadFile(FS, chapterDir+"/doprava.md")
	if bytes.Contains(other, []byte("\r")) || bytes.HasPrefix(other, []byte{0xEF}) {
		t.Error("doprava.md should be a plain UTF-8 LF file")
	}
}

func TestPictures(t *testing.T) {
	tests := []struct {
		name      string
		format    string
		minLong   int
		maxLong   int
		wantRatio float64 // width / height
	}{
		{"assets/img/program/2026/doprava.png", "png", 1000, 1600, 1.5},
		{"assets/img/program/2026/bydleni.jpg", "jpeg", 1000, 1600, 1.5},
		{"assets/img/program/2026/skolstvi.png", "png", 1000, 1600, 1.5},
		{"assets/img/program/2026/otevrena-radnice.jpg", "jpeg", 1000, 1600, 1.5},
		{"assets/img/program/2026/socialni-pece.png", "png", 1000, 1600, 1.5},
		{"assets/img/program/2026/strategie.png", "png", 1000, 1600, 1.5},
		{"assets/img/program/program2022-nahledy/bezpecnost.png", "png", 1000, 1600, 1.5},
		{"assets/img/program/2026/lipova-panorama.jpg", "jpeg", 3000, 6000, 1.5},
	}
	for _, tt := range tests {
		t.Run(path.Base(tt.name), func(t *testing.T) {
			f, err := FS.Open(tt.name)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			cfg, format, err := image.DecodeConfig(f)
			if err != nil {
				t.Fatal(err)
			}
			if format != tt.format {
				t.Errorf("format %s, want %s", format, tt.format)
			}
			long := max(cfg.Width, cfg.Height)
			if long < tt.minLong || long > tt.maxLong {
				t.Errorf("long side %d px, want %d..%d", long, tt.minLong, tt.maxLong)
			}
			if r := float64(cfg.Width) / float64(cfg.Height); r < tt.wantRatio-0.01 || r > tt.wantRatio+0.01 {
				t.Errorf("aspect %.2f, want %.2f", r, tt.wantRatio)
			}
		})
	}
}

// TestSize keeps the embedded samples small enough to ship in the binary.
func TestSize(t *testing.T) {
	var total int64
	for _, fsys := range []fs.FS{FS, Broken} {
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			fi, err := d.Info()
			if err != nil {
				return err
			}
			total += fi.Size()
			if strings.HasSuffix(p, ".jpg") && fi.Size() > 2500<<10 {
				t.Errorf("%s is %d bytes; keep pictures under 2.5 MB", p, fi.Size())
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if total > 6<<20 {
		t.Errorf("samples hold %d bytes; keep them under 6 MB", total)
	}
}

// chapters returns the .md files of the sample site's programme folders
// that are chapters (Jekyll skips names starting with "_").
func chapters(t *testing.T) []string {
	t.Helper()
	var out []string
	err := fs.WalkDir(FS, "_program", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") && !strings.HasPrefix(d.Name(), "_") {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestEveryChapterHasFrontMatter(t *testing.T) {
	names := chapters(t)
	if len(names) < 10 {
		t.Fatalf("found %d chapters, want at least 10: %v", len(names), names)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			m, body := readMeta(t, FS, name)
			if m.Title == "" || m.UID == "" || m.Category == "" || m.Order == 0 {
				t.Errorf("front matter lacks title, uid, campaignCategoryUid or order: %+v", m)
			}
			if len(strings.TrimSpace(body)) == 0 {
				t.Error("empty body")
			}
		})
	}
}

// TestPlantedCases checks that the sample site really holds the cases that
// README.md promises, so that nobody tidies them away by accident.
func TestPlantedCases(t *testing.T) {
	known := map[string]bool{}
	people, err := fs.Glob(FS, "_people/*.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range people {
		var person struct {
			UID    string `yaml:"uid"`
			Name   string `yaml:"name"`
			Titles struct {
				Before string `yaml:"before"`
				After  string `yaml:"after"`
			} `yaml:"titles"`
		}
		fm, _, ok := frontMatter(readText(t, FS, p))
		// One person repeats a key (planted); Jekyll takes the last value.
		if !ok || yaml.UnmarshalWithOptions([]byte(fm), &person, yaml.AllowDuplicateMapKey()) != nil || person.UID == "" || person.Name == "" {
			t.Errorf("%s: want front matter with uid and name", p)
		}
		known[person.UID] = true
	}

	var campaigns []struct {
		GroupUID  string `yaml:"groupUid"`
		Campaigns []struct {
			Title       string `yaml:"title"`
			CategoryUID string `yaml:"categoryUid"`
			Lang        string `yaml:"lang"`
		} `yaml:"campaigns"`
	}
	if err := yaml.Unmarshal([]byte(readText(t, FS, "_data/campaigns.yml")), &campaigns); err != nil {
		t.Fatal(err)
	}
	categories := map[string]string{} // uid → lang
	for _, g := range campaigns {
		for _, c := range g.Campaigns {
			categories[c.CategoryUID] = c.Lang
		}
	}
	// The 2022 programme is named by its page, not in campaigns.yml.
	if m, _ := readMeta(t, FS, "volby/2022-komunalni.md"); m.Category != "2022-komunalni" || m.Title == "" {
		t.Errorf("volby/2022-komunalni.md: want a page with title and campaignCategoryUid 2022-komunalni, got %+v", m)
	}
	categories["2022-komunalni"] = ""

	var unknown, missing []string
	orders := map[int][]string{}
	langs := map[string]string{}
	for _, name := range chapters(t) {
		m, body := readMeta(t, FS, name)
		lang, ok := categories[m.Category]
		if !ok {
			t.Errorf("%s: campaignCategoryUid %q not in campaigns.yml", name, m.Category)
		}
		if lang != m.Lang {
			t.Errorf("%s: lang %q, campaigns.yml says %q", name, m.Lang, lang)
		}
		langs[m.Category] = m.Lang
		if m.Garant != "" && !known[m.Garant] {
			unknown = append(unknown, m.Garant)
		}
		if _, err := fs.Stat(FS, "assets/img/"+m.Img); err != nil {
			missing = append(missing, m.Img)
		}
		if m.Category == "2026-lipova" {
			orders[m.Order] = append(orders[m.Order], path.Base(name))
			if !strings.Contains(body, "Kontext") && !strings.Contains(body, "\n> ") {
				t.Errorf("%s has neither a collapsible section nor a quote", name)
			}
		}
	}
	if want := "david.bodecek ondrej.pesek"; strings.Join(sorted(unknown), " ") != want {
		t.Errorf("unknown garants %v, want %s", unknown, want)
	}
	if want := "program/2026/zivotni-prostredi.jpg"; strings.Join(missing, " ") != want {
		t.Errorf("missing pictures %v, want %s", missing, want)
	}
	dup := 0
	for o, names := range orders {
		if len(names) > 1 {
			dup++
			t.Logf("order %d is shared by %v (planted)", o, names)
		}
	}
	if dup != 1 {
		t.Errorf("want exactly one duplicated order in 2026-lipova, got %d: %v", dup, orders)
	}
	// The English programme says its language nowhere: leafpress must
	// tell it from the text (planted).
	if _, ok := langs["2026-lipova-en"]; !ok || langs["2026-lipova-en"] != "" || langs["2026-strategie"] != "" {
		t.Errorf("want an English programme without lang: and a Czech strategy, got %v", langs)
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// TestRawHTML checks the collapsible sections, the script and the style the
// readers must handle.
func TestRawHTML(t *testing.T) {
	all := ""
	for _, name := range chapters(t) {
		all += readText(t, FS, name)
	}
	for _, want := range []string{
		`<div class="collapsible">`,
		"<h4>- Kontext</h4>",
		"<h4>+ Kontext</h4>",
		"<h4>+ Kontext   </h4>",
		"<blockquote style=",
		"<li>",
		"<script>",
		"<style>",
		"<br/>",
		"~~",
		"|:---|",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no chapter holds %q", want)
		}
	}
}

func TestBroken(t *testing.T) {
	tests := []struct {
		name      string
		closed    bool // the front matter ends with ---
		yamlError bool // the front matter is not valid YAML
		title     bool // it has a title
	}{
		{"dvojtecka-v-nazvu.md", true, true, false},
		{"spatne-odsazeni.md", true, true, false},
		{"neuzavrena-hlavicka.md", false, false, false},
		{"bez-nazvu.md", true, false, false},
		{"dobra-kapitola.md", true, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, _, closed := frontMatter(readText(t, Broken, tt.name))
			if closed != tt.closed {
				t.Fatalf("front matter closed: %v, want %v", closed, tt.closed)
			}
			if !closed {
				return
			}
			var m chapterMeta
			err := yaml.Unmarshal([]byte(fm), &m)
			if err != nil {
				t.Logf("%s: %v", tt.name, err)
			}
			if (err != nil) != tt.yamlError {
				t.Fatalf("YAML error %v, want error: %v", err, tt.yamlError)
			}
			if err == nil && (m.Title != "") != tt.title {
				t.Errorf("title %q, want a title: %v", m.Title, tt.title)
			}
		})
	}
}

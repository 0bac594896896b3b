package pipeline

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"leafpress/export/doc"
	"leafpress/export/pdf"
	"leafpress/export/source"
	"leafpress/internal/cputime"
	"leafpress/layout"
	"leafpress/samples"
	"leafpress/templates"
)

// bigSite writes a site with a 200-chapter programme into dir: the sample
// site's people, campaigns and pictures, and its Lipová chapters copied
// over and over with new uids and orders.
func bigSite(tb testing.TB, dir string, chapters int) {
	tb.Helper()
	var bodies [][]byte
	err := fs.WalkDir(samples.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(samples.FS, path)
		if err != nil {
			return err
		}
		if strings.HasPrefix(path, "_program/") {
			if strings.HasPrefix(path, "_program/2026-lipova/") && strings.HasSuffix(path, ".md") &&
				!strings.HasPrefix(filepath.Base(path), "_") && bytes.Contains(data, []byte("campaignCategoryUid: 2026-lipova\n")) {
				bodies = append(bodies, data)
			}
			return nil
		}
		out := filepath.Join(dir, filepath.FromSlash(path))
		os.MkdirAll(filepath.Dir(out), 0o755)
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil || len(bodies) == 0 {
		tb.Fatalf("reading the samples: %v (%d chapters)", err, len(bodies))
	}
	uid := regexp.MustCompile(`(?m)^uid: .*$`)
	order := regexp.MustCompile(`(?m)^order: .*$`)
	for i := 0; i < chapters; i++ {
		b := bodies[i%len(bodies)]
		b = uid.ReplaceAll(b, []byte(fmt.Sprintf("uid: kapitola-%03d", i)))
		b = order.ReplaceAll(b, []byte(fmt.Sprintf("order: %d", i+1)))
		out := filepath.Join(dir, "_program", "velky", fmt.Sprintf("kapitola-%03d.md", i))
		os.MkdirAll(filepath.Dir(out), 0o755)
		if err := os.WriteFile(out, b, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// bigProgramme loads the generated 200-chapter programme.
func bigProgramme(b *testing.B) *doc.Programme {
	dir := b.TempDir()
	bigSite(b, dir, 200)
	progs, diags := Load(source.Options{Sources: []string{dir}, Campaign: "2026-lipova"})
	if len(progs) != 1 || len(progs[0].Chapters) != 200 {
		b.Fatalf("the generated programme did not load: %d programmes, %v", len(progs), diags.Items())
	}
	return progs[0]
}

// BenchmarkPDF lays out a 200-chapter programme with the a5-booklet
// template and writes its screen and print PDFs.
func BenchmarkPDF(b *testing.B) {
	p := bigProgramme(b)
	t, err := templates.Builtin(DefaultTemplate)
	if err != nil {
		b.Fatal(err)
	}
	for _, print := range []bool{false, true} {
		name := "screen"
		if print {
			name = "print"
		}
		b.Run(name, func(b *testing.B) {
			var pages, size int
			for b.Loop() {
				d, err := layout.Programme(p, t)
				if err != nil {
					b.Fatal(err)
				}
				var buf bytes.Buffer
				if _, err := pdf.Write(&buf, d, pdf.Options{Print: print, Date: time.Unix(0, 0)}); err != nil {
					b.Fatal(err)
				}
				pages, size = len(d.Pages), buf.Len()
			}
			b.ReportMetric(float64(pages), "pages")
			b.ReportMetric(float64(size)/1e6, "MB")
		})
	}
}

// BenchmarkBuild runs the whole build of a 200-chapter programme: every
// format, every chapter file.
func BenchmarkBuild(b *testing.B) {
	dir := b.TempDir()
	bigSite(b, dir, 200)
	out := b.TempDir()
	for b.Loop() {
		res := Build(Options{Source: source.Options{Sources: []string{dir}, Campaign: "2026-lipova"}, Out: out, Date: time.Unix(0, 0)})
		if res.Diags.HasErrors() {
			b.Fatal(res.Diags.Items())
		}
	}
}

// BenchmarkTagging compares the screen PDF of a 200-chapter programme
// (layout and writing) tagged, as pdf.Write writes it, with the same
// pages untagged (pdf.WriteSheets, one page per sheet, writes no
// structure). Besides wall time it reports the process's CPU time per
// operation (cpu-ms/op), which other programs on a busy machine disturb
// less.
func BenchmarkTagging(b *testing.B) {
	p := bigProgramme(b)
	t, err := templates.Builtin(DefaultTemplate)
	if err != nil {
		b.Fatal(err)
	}
	// One PDF first, so that neither side pays for parsing the fonts and
	// preparing the pictures (kept for the process).
	if d, err := layout.Programme(p, t); err != nil {
		b.Fatal(err)
	} else if _, err := pdf.Write(io.Discard, d, pdf.Options{Date: time.Unix(0, 0)}); err != nil {
		b.Fatal(err)
	}
	for _, tagged := range []bool{false, true} {
		name := "untagged"
		if tagged {
			name = "tagged"
		}
		b.Run(name, func(b *testing.B) {
			var size int
			cpu0 := cputime.Used()
			for b.Loop() {
				d, err := layout.Programme(p, t)
				if err != nil {
					b.Fatal(err)
				}
				var buf bytes.Buffer
				opt := pdf.Options{Date: time.Unix(0, 0)}
				if tagged {
					_, err = pdf.Write(&buf, d, opt)
				} else {
					sheets := make([]pdf.Sheet, len(d.Pages))
					for i, pg := range d.Pages {
						sheets[i] = pdf.Sheet{Width: pg.Width, Height: pg.Height, Placements: []pdf.Placement{{Page: pg, Scale: 1}}}
					}
					_, err = pdf.WriteSheets(&buf, d, sheets, opt)
				}
				if err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size)/1e6, "MB")
			b.ReportMetric(float64((cputime.Used()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}

// BenchmarkSamples builds the embedded samples with every output
// ("all") and without the volunteers' pictures and pages ("without"):
// the difference is what thumbnails, share pictures and the download
// page cost.
func BenchmarkSamples(b *testing.B) {
	var without []string
	for _, f := range Formats {
		if !slices.Contains(volunteerFormats, f) {
			without = append(without, f)
		}
	}
	for _, c := range []struct {
		name    string
		formats []string
	}{{"all", Formats}, {"without", without}} {
		b.Run(c.name, func(b *testing.B) {
			fm, err := ParseFormats(strings.Join(c.formats, ","))
			if err != nil {
				b.Fatal(err)
			}
			// CPU time is reported too: on a shared machine it varies far
			// less than wall time.
			start := cputime.Used()
			for b.Loop() {
				out := b.TempDir()
				res := Build(Options{Source: source.Options{FS: samples.FS, Sources: []string{"."}}, Out: out, Formats: fm, Impose: "booklet", Date: time.Unix(0, 0)})
				if res.Diags.HasErrors() {
					b.Fatal(res.Diags.Items())
				}
			}
			b.ReportMetric((cputime.Used()-start).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// volunteerFormats are the outputs made for volunteers besides the PDFs.
var volunteerFormats = []string{"thumbs", "share", "html"}

// BenchmarkScreenPDFs builds the screen PDFs of the embedded samples
// (every programme and chapter, with their pictures) with an empty
// picture cache ("cold", as a first run) and with the cache the first run
// filled ("rebuild", as after a text correction).
func BenchmarkScreenPDFs(b *testing.B) {
	fm, err := ParseFormats("pdf")
	if err != nil {
		b.Fatal(err)
	}
	warm := b.TempDir()
	build := func(b *testing.B, cache string) {
		res := Build(Options{Source: source.Options{FS: samples.FS, Sources: []string{"."}}, Out: b.TempDir(), Formats: fm, Date: time.Unix(0, 0), CacheDir: cache})
		if res.Diags.HasErrors() {
			b.Fatal(res.Diags.Items())
		}
	}
	b.Run("cold", func(b *testing.B) {
		start := cputime.Used()
		for b.Loop() {
			build(b, b.TempDir())
		}
		b.ReportMetric((cputime.Used()-start).Seconds()/float64(b.N), "cpu-s/op")
	})
	b.Run("rebuild", func(b *testing.B) {
		build(b, warm)
		start := cputime.Used()
		for b.Loop() {
			build(b, warm)
		}
		b.ReportMetric((cputime.Used()-start).Seconds()/float64(b.N), "cpu-s/op")
	})
}

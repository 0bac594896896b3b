package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"leafpress/export/diag"
	"leafpress/export/picture"
	"leafpress/export/pipeline"
	"leafpress/export/source"
	"leafpress/samples"
	"leafpress/templates"
)

// Exit codes.
const (
	exitOK    = 0 // success, warnings allowed
	exitInput = 1 // some input had errors; everything else was processed
	exitUsage = 2 // usage error, or nothing could be processed
	// A build stopped by a signal exits 128 + the signal's number, as
	// shells report it.
	exitInterrupt = 130 // SIGINT (Ctrl-C)
	exitTerminate = 143 // SIGTERM
)

func usage(w io.Writer) {
	fmt.Fprint(w, `leafpress turns a campaign programme (Markdown chapters with YAML front
matter, as in a Jekyll site) into leaflet PDFs, print PDFs and Word files.

Usage:
  leafpress build [flags] [SOURCE...]   write every output under OUT/<programme>/
  leafpress tree  [flags] [SOURCE...]   print the document tree as JSON on stdout
  leafpress check [flags] [SOURCE...]   read everything, print every problem, write nothing

A SOURCE is a folder of chapters, one chapter file, or a Jekyll site root
(a folder with _program/). With no SOURCE the embedded sample programme is used.

Run 'leafpress <command> -h' for the flags of a command.

Exit codes: 0 success (warnings allowed), 1 some input had errors (the rest
was still processed and written), 2 usage error or nothing could be processed.
`)
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// common holds the flags every command shares.
type common struct {
	people, campaigns, campaign string
	assets                      listFlag
	verbose, quiet              bool
	site                        source.SiteOptions
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.people, "people", "", "folder of people `DIR` (*.md with uid, name, titles); default: <site>/_people")
	fs.StringVar(&c.campaigns, "campaigns", "", "programme titles `FILE` (campaigns.yml); default: <site>/_data/campaigns.yml")
	fs.Var(&c.assets, "assets", "root `DIR` for img: paths (repeatable); default: the site root, its assets/img and the chapter's folder")
	fs.StringVar(&c.campaign, "campaign", "", "only the programme with this `UID` (campaignCategoryUid)")
	fs.StringVar(&c.site.URL, "site-url", "", "the site's public `URL` (with any base path), for chapter addresses and QR codes; default: _config.yml url and baseurl")
	fs.StringVar(&c.site.CommissionedBy, "commissioned-by", "", "imprint: who commissioned the material (zadavatel), as `TEXT`; default: _data/leafpress.yml")
	fs.StringVar(&c.site.ProducedBy, "produced-by", "", "imprint: who produced the material (zpracovatel), as `TEXT`; default: _data/leafpress.yml")
	fs.BoolVar(&c.verbose, "v", false, "verbose: also say what was skipped and written")
	fs.BoolVar(&c.quiet, "q", false, "quiet: print errors only")
}

// sourceOptions turns the flags and positional SOURCEs into loader options;
// with no SOURCE the embedded samples are read.
func (c *common) sourceOptions(srcs []string, stderr io.Writer) source.Options {
	o := source.Options{
		Sources:   srcs,
		People:    c.people,
		Campaigns: c.campaigns,
		Assets:    c.assets,
		Campaign:  c.campaign,
		Site:      c.site,
	}
	if len(srcs) == 0 {
		o.FS = samples.FS
		o.Sources = []string{"."}
	}
	if c.verbose {
		o.Verbose = func(msg string) { fmt.Fprintln(stderr, msg) }
	}
	return o
}

// parse parses flags that may stand before, between or after the SOURCEs.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		// fs.Parse stops at the first positional argument or after "--".
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func newFlagSet(name, synopsis, examples string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: leafpress %s [flags] [SOURCE...]\n\n%s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
		fmt.Fprintf(fs.Output(), "\nExamples:\n%s", examples)
	}
	return fs
}

// printDiags prints the diagnostics; quiet leaves out the warnings.
func printDiags(w io.Writer, l *diag.List, quiet bool) {
	for _, d := range l.Items() {
		if quiet && d.Severity != diag.Error {
			continue
		}
		fmt.Fprintln(w, d)
	}
}

// sourceDate returns SOURCE_DATE_EPOCH as a time when it is set, else now.
func sourceDate() (time.Time, error) {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return time.Now().UTC().Truncate(time.Second), nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds; unset it or give seconds since 1970", s)
	}
	return time.Unix(n, 0).UTC(), nil
}

func cmdTree(args []string, stdout, stderr io.Writer) int {
	var c common
	fs := newFlagSet("tree", "Prints the document tree of every programme as indented JSON on stdout;\nproblems go to stderr.",
		"  leafpress tree                     the embedded samples\n  leafpress tree ~/web/ > tree.json  a Jekyll site\n", stderr)
	c.register(fs)
	srcs, err := parse(fs, args)
	if err != nil {
		return flagExit(err)
	}
	progs, diags := pipeline.Load(c.sourceOptions(srcs, stderr))
	printDiags(stderr, diags, c.quiet)
	if len(progs) == 0 {
		fmt.Fprintln(stderr, "leafpress: error: no chapter could be read; name a folder of chapters, a chapter file or a Jekyll site")
		return exitUsage
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(progs); err != nil {
		fmt.Fprintln(stderr, "leafpress: error:", err)
		return exitUsage
	}
	if diags.HasErrors() {
		return exitInput
	}
	return exitOK
}

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	var c common
	var tmpl, chapterTmpl string
	fs := newFlagSet("check", "Reads every chapter, lays it out with the templates and prints every\nproblem (file:line: severity: message). Writes nothing.",
		"  leafpress check                  the embedded samples\n  leafpress check ~/web/_program/  a folder of chapters\n", stderr)
	c.register(fs)
	fs.StringVar(&tmpl, "template", pipeline.DefaultTemplate, "programme template: a built-in `NAME` ("+strings.Join(templates.Names(), ", ")+") or a YAML file")
	fs.StringVar(&chapterTmpl, "chapter-template", pipeline.DefaultChapterTemplate, "template `NAME` or file for the one-chapter PDFs")
	srcs, err := parse(fs, args)
	if err != nil {
		return flagExit(err)
	}
	res := pipeline.Check(pipeline.Options{
		Source:          c.sourceOptions(srcs, stderr),
		Template:        tmpl,
		ChapterTemplate: chapterTmpl,
	})
	printDiags(stdout, res.Diags, c.quiet)
	nerr, nwarn := res.Diags.Count()
	if !c.quiet {
		fmt.Fprintf(stdout, "%d programme(s), %d chapter(s): %d error(s), %d warning(s)\n", len(res.Programmes), res.Chapters(), nerr, nwarn)
	}
	return exitCode(res)
}

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	var c common
	var out, tmpl, chapterTmpl, formats, refDocx, impose, cache string
	var strict, noComments bool
	fs := newFlagSet("build", "Reads the programme and writes, for every programme, OUT/<programme>/:\n"+
		"  program.pdf, program-print.pdf, program.docx, preflight.json, tree.json\n"+
		"  chapters/<uid>.pdf, chapters/<uid>-print.pdf, chapters/<uid>.docx\n"+
		"Files are replaced only when written completely. SOURCE_DATE_EPOCH, when set,\nfixes every date so that two runs give identical files.",
		"  leafpress build                              the embedded samples into ./out\n"+
			"  leafpress build -o dist ~/web/               a Jekyll site\n"+
			"  leafpress build --formats pdf,docx chapters/ only screen PDFs and Word files\n"+
			"  leafpress build --template a4-newspaper --impose booklet ~/web/\n", stderr)
	c.register(fs)
	fs.StringVar(&out, "o", "out", "output `DIR`")
	fs.StringVar(&tmpl, "template", pipeline.DefaultTemplate, "programme template: a built-in `NAME` ("+strings.Join(templates.Names(), ", ")+") or a YAML file")
	fs.StringVar(&chapterTmpl, "chapter-template", pipeline.DefaultChapterTemplate, "template `NAME` or file for the one-chapter PDFs")
	fs.StringVar(&formats, "formats", strings.Join(pipeline.Formats, ","), "comma `LIST` of outputs: "+strings.Join(pipeline.Formats, ", "))
	fs.StringVar(&refDocx, "reference-docx", "", "take Word styles, numbering and page setup from this .docx `FILE`")
	fs.StringVar(&impose, "impose", "", "`booklet`: also write program-booklet.pdf, pages 2-up on A4 for a duplex printer")
	fs.BoolVar(&strict, "strict", false, "fail (exit 1) when a preflight check fails")
	fs.BoolVar(&noComments, "no-comments", false, "leave out of the Word files the comments that show each warning where it is")
	defCache, _ := picture.DefaultDir()
	fs.StringVar(&cache, "cache", defCache, "keep prepared pictures, drawn pages, and the PDFs of runs writing only PDFs, in `DIR` between runs; entries unused for 30 days are removed (\"\" for none)")
	srcs, err := parse(fs, args)
	if err != nil {
		return flagExit(err)
	}
	fmts, err := pipeline.ParseFormats(formats)
	if err != nil {
		fmt.Fprintln(stderr, "leafpress: error:", err)
		return exitUsage
	}
	if impose != "" && impose != "booklet" {
		fmt.Fprintf(stderr, "leafpress: error: --impose %q is not known; the only imposition is \"booklet\"\n", impose)
		return exitUsage
	}
	date, err := sourceDate()
	if err != nil {
		fmt.Fprintln(stderr, "leafpress: error:", err)
		return exitUsage
	}
	opts := pipeline.Options{
		Source:          c.sourceOptions(srcs, stderr),
		Out:             out,
		Formats:         fmts,
		Template:        tmpl,
		ChapterTemplate: chapterTmpl,
		ReferenceDOCX:   refDocx,
		Impose:          impose,
		Strict:          strict,
		NoComments:      noComments,
		Date:            date,
		DateIsNow:       os.Getenv("SOURCE_DATE_EPOCH") == "",
		CacheDir:        cache,
	}
	if c.verbose {
		opts.Log = func(msg string) { fmt.Fprintln(stderr, msg) }
	}
	bar := newProgress(stderr, c.quiet || c.verbose)
	opts.Progress = bar.report
	res := pipeline.Build(opts)
	bar.end()
	printDiags(stderr, res.Diags, c.quiet)
	if !c.quiet {
		res.Summary(stdout)
	}
	code := exitCode(res)
	if code != exitUsage && res.Written() == 0 {
		fmt.Fprintln(stderr, "leafpress: error: no file could be written; see the errors above")
		return exitUsage
	}
	if code == exitOK && strict && res.PreflightFailed() {
		return exitInput
	}
	return code
}

func exitCode(res *pipeline.Result) int {
	if res.Unusable || res.Chapters() == 0 {
		return exitUsage
	}
	if res.Diags.HasErrors() {
		return exitInput
	}
	return exitOK
}

func flagExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitUsage
}

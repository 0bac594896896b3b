// Package source loads campaign programmes: it finds chapter files (Markdown
// with YAML front matter, as kept in a Jekyll site), reads their front
// matter and bodies, looks up the people responsible for them and the
// programme titles, finds their pictures, and returns programmes of the
// document tree (package doc) with diagnostics (package diag).
//
// # Sources
//
// A source is a folder of chapters (searched at any depth), one chapter
// file, or a Jekyll site root: a folder holding _program/. For a site root
// the chapters are those under _program/, the people are _people/*.md and
// the programme titles come from _data/campaigns.yml. A chapter file or
// folder inside a site's _program/ finds its site the same way.
//
// Chapters are .md and .markdown files. Other files, hidden files and
// names starting with _ (drafts, site internals) are skipped.
//
// # Programmes
//
// Chapters are grouped by campaignCategoryUid; chapters without one form
// a programme named after their folder. Within a programme chapters are
// ordered by order (chapters without one come last), then by uid.
// Programmes are ordered by uid.
//
// # Pictures
//
// A chapter's img and the pictures in its text are looked up in the asset
// roots (by default the site root, <site>/assets/img, then the chapter's
// own folder). A picture is usable when its header reads as PNG, JPEG or
// GIF (it is never decoded whole here): then doc.Image.Path names the file;
// otherwise doc.Image.Missing says why and a warning says what to do.
//
// # Diagnostics
//
// Every problem found is a diagnostic naming the file and line and saying
// what to do. A chapter that cannot be read (no front matter, invalid YAML,
// no title) is left out with an error; the others are still loaded.
package source

import (
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"leafpress/export/diag"
	"leafpress/export/doc"
	"leafpress/export/outfile"
)

// Options says what to load.
type Options struct {
	// Sources are the files or folders as the user named them: OS paths,
	// or paths inside FS when FS is set.
	Sources []string
	// FS, when set, holds the Sources (the embedded samples); doc.Image.FS
	// is set to it. People, Campaigns and Assets are paths in it too.
	FS fs.FS
	// People is the folder of people *.md (default: <site>/_people when
	// a source is a site root).
	People string
	// Campaigns is the campaigns.yml file (default:
	// <site>/_data/campaigns.yml).
	Campaigns string
	// Assets are the roots img: paths are resolved against (default: the
	// site root and <site>/assets/img). The chapter's own folder is always
	// tried last.
	Assets []string
	// Campaign, when set, keeps only the programme with this uid.
	Campaign string
	// Site sets the site's address and imprint over its own files.
	Site SiteOptions
	// Verbose is called for skipped files and the like; it may be nil.
	Verbose func(msg string)
}

// maxDepth bounds how deep folders are searched (it stops link loops).
const maxDepth = 32

// chapterFile is one chapter file found in the sources.
type chapterFile struct {
	path   string // in the files' own form
	shown  string // slash separated, as the user named it
	folder string // the chapter's folder, in the files' own form
	site   string // the site root, or "" when the chapter is in no site
}

// loader holds the state of one Load.
type loader struct {
	opts     Options
	fsys     files
	dl       *diag.List
	files    []chapterFile
	seen     map[string]bool
	sites    []string
	siteSeen map[string]bool
	pics     *pictures
	found    int // chapter files found, counting repeats
	siteOpts SiteOptions
	siteInfo map[string]*site // by the site root's Abs
	bare     *site            // for chapters in no site, from the command line
}

// Load finds and reads the chapters named by opts.Sources and returns
// their programmes, sorted by uid, with every problem found. Loading goes
// on past broken chapters; they are left out and named in the
// diagnostics. The result does not depend on the order in which chapters
// are parsed (they are parsed in parallel).
func Load(opts Options) ([]*doc.Programme, *diag.List) {
	l := &loader{opts: opts, dl: &diag.List{}, seen: map[string]bool{}, siteSeen: map[string]bool{}, siteOpts: opts.Site, siteInfo: map[string]*site{}}
	if opts.FS != nil {
		l.fsys = fsFiles{opts.FS}
	} else {
		roots := &openRoots{}
		defer roots.closeAll()
		l.fsys = osFiles{roots: roots}
	}
	l.pics = newPictures(l.fsys)
	if len(opts.Sources) == 0 {
		l.dl.Errorf("", 0, "no programme to load: name a folder of chapters, a chapter file or a Jekyll site")
		return nil, l.dl
	}
	for _, src := range opts.Sources {
		l.addSource(src)
	}
	people, havePeople := l.people()
	campaigns := l.campaigns()
	parsed := l.parseAll()
	progs := l.group(parsed, people, havePeople, campaigns)
	return progs, l.dl
}

func (l *loader) verbose(format string, args ...any) {
	if l.opts.Verbose != nil {
		l.opts.Verbose(fmt.Sprintf(format, args...))
	}
}

// addSource finds the chapters of one source.
func (l *loader) addSource(src string) {
	if strings.TrimSpace(src) == "" {
		l.dl.Errorf("", 0, "an empty path was given as a source; name a folder of chapters, a chapter file or a Jekyll site")
		return
	}
	name, ok := l.fsys.Clean(src)
	shown := strings.ReplaceAll(src, "\\", "/")
	if !ok {
		l.dl.Errorf(shown, 0, "this path cannot be used here; name a folder or file inside the samples, without ..")
		return
	}
	shown = l.fsys.Display(name)
	fi, err := l.fsys.Stat(name)
	if err != nil {
		l.dl.Errorf(shown, 0, "cannot open this file or folder (%v); check the path", cause(err))
		return
	}
	before := l.found
	switch {
	case !fi.IsDir():
		l.addFile(name, l.siteAbove(name))
		return
	case isDir(l.fsys, l.fsys.Join(name, "_program")):
		l.addSite(name)
		l.verbose("%s is a site: reading its _program, _people and _data/campaigns.yml", shown)
		l.walk(l.fsys.Join(name, "_program"), name, 0)
	default:
		l.walk(name, l.siteAbove(name), 0)
	}
	if l.found == before {
		l.dl.Warnf(shown, 0, "no chapters (.md files) were found in this folder; name the folder that holds the chapters, or the site's root (the folder with _program)")
	}
}

// siteAbove returns the site root of a path inside a site's _program
// folder (the folder holding _program), or "".
func (l *loader) siteAbove(name string) string {
	for _, p := range []string{name, l.fsys.Abs(name)} {
		slash := strings.ReplaceAll(p, "\\", "/")
		parts := strings.Split(slash, "/")
		for i := len(parts) - 1; i >= 0; i-- {
			if parts[i] != "_program" {
				continue
			}
			root := strings.Join(parts[:i], "/")
			switch {
			case root == "" && strings.HasPrefix(slash, "/"):
				root = "/"
			case root == "":
				root = "."
			}
			if l.opts.FS == nil {
				root = filepath.FromSlash(root)
			}
			l.addSite(root)
			return root
		}
	}
	return ""
}

func (l *loader) addSite(root string) {
	key := l.fsys.Abs(root)
	if !l.siteSeen[key] {
		l.siteSeen[key] = true
		l.sites = append(l.sites, root)
	}
}

// walk adds the chapters under dir.
func (l *loader) walk(dir, site string, depth int) {
	entries, err := l.fsys.ReadDir(dir)
	if err != nil {
		l.dl.Errorf(l.fsys.Display(dir), 0, "the folder cannot be read (%v); check its permissions", cause(err))
		return
	}
	for _, e := range entries {
		name := e.Name()
		full := l.fsys.Join(dir, name)
		shown := l.fsys.Display(full)
		dir := e.IsDir() || (e.Type()&fs.ModeSymlink != 0 && isDir(l.fsys, full))
		switch {
		case strings.HasPrefix(name, "."):
			l.verbose("skipping %s: hidden", shown)
		case strings.HasPrefix(name, "_"):
			l.verbose("skipping %s: names starting with _ are drafts or site files, not chapters", shown)
		case dir && depth >= maxDepth:
			l.dl.Warnf(shown, 0, "folders nest more than %d deep here; the chapters below are skipped (is there a link loop?)", maxDepth)
		case dir:
			l.walk(full, site, depth+1)
		case isMarkdown(name):
			l.addFile(full, site)
		default:
			l.verbose("skipping %s: not a Markdown (.md) file", shown)
		}
	}
}

func (l *loader) addFile(name, site string) {
	l.found++
	key := l.fsys.Abs(name)
	if l.seen[key] {
		l.verbose("skipping %s: already read", l.fsys.Display(name))
		return
	}
	l.seen[key] = true
	l.files = append(l.files, chapterFile{path: name, shown: l.fsys.Display(name), folder: l.fsys.Dir(name), site: site})
}

// people loads the people folders; have is false when there is none.
func (l *loader) people() (people map[string]*doc.Person, have bool) {
	people = map[string]*doc.Person{}
	from := map[string]string{}
	if l.opts.People != "" {
		dir, ok := l.fsys.Clean(l.opts.People)
		if !ok {
			l.dl.Errorf(l.opts.People, 0, "this people folder cannot be used here; name a folder inside the samples")
			return people, false
		}
		loadPeople(l.fsys, dir, people, from, l.dl)
		return people, true
	}
	for _, site := range l.sites {
		dir := l.fsys.Join(site, "_people")
		if !isDir(l.fsys, dir) {
			l.verbose("%s has no _people folder: garants are printed as their uids", l.fsys.Display(site))
			continue
		}
		loadPeople(l.fsys, dir, people, from, l.dl)
		have = true
	}
	return people, have
}

// campaigns loads campaigns.yml files.
func (l *loader) campaigns() map[string]campaign {
	out := map[string]campaign{}
	read := func(file string, required bool) {
		data, err := l.fsys.ReadFile(file)
		if err != nil {
			if required {
				l.dl.Errorf(l.fsys.Display(file), 0, "the campaigns file cannot be read (%v); check the path, or leave it out to use the uids as programme titles", cause(err))
			} else {
				l.verbose("%s not found: programme titles are their uids", l.fsys.Display(file))
			}
			return
		}
		loadCampaigns(l.fsys.Display(file), data, out, l.dl)
	}
	if l.opts.Campaigns != "" {
		file, ok := l.fsys.Clean(l.opts.Campaigns)
		if !ok {
			l.dl.Errorf(l.opts.Campaigns, 0, "this campaigns file cannot be used here; name a file inside the samples")
			return out
		}
		read(file, true)
		return out
	}
	for _, site := range l.sites {
		read(l.fsys.Join(site, "_data", "campaigns.yml"), false)
	}
	return out
}

// roots returns the folders img: paths of a chapter are looked up in.
func (l *loader) roots(cf chapterFile) []string {
	var roots []string
	add := func(r string) {
		if r, ok := l.fsys.Clean(r); ok && !slices.Contains(roots, r) {
			roots = append(roots, r)
		}
	}
	switch {
	case len(l.opts.Assets) > 0:
		for _, a := range l.opts.Assets {
			add(a)
		}
	case cf.site != "":
		add(cf.site)
		add(l.fsys.Join(cf.site, "assets", "img"))
	}
	add(cf.folder)
	return roots
}

// parseAll reads and parses the chapter files in parallel; the result is
// in the order the files were found. Entries are nil for unreadable files.
func (l *loader) parseAll() []*parsed {
	out := make([]*parsed, len(l.files))
	workers := min(runtime.GOMAXPROCS(0), len(l.files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Go(func() {
			for i := range next {
				out[i] = l.parseFile(l.files[i])
			}
		})
	}
	for i := range l.files {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// parseFile reads one chapter and finds its pictures.
func (l *loader) parseFile(cf chapterFile) *parsed {
	if fi, err := l.fsys.Stat(cf.path); err == nil && fi.Size() > MaxChapterBytes {
		return &parsed{diags: []diag.Diagnostic{{Severity: diag.Error, File: cf.shown, Message: sizeError(fi.Size())}}}
	}
	data, err := l.fsys.ReadFile(cf.path)
	if err != nil {
		return &parsed{diags: []diag.Diagnostic{{Severity: diag.Error, File: cf.shown, Message: fmt.Sprintf("the chapter cannot be read (%v); check the file's permissions; the chapter is left out", cause(err))}}}
	}
	p := parseChapter(cf.shown, data)
	if p.ch == nil {
		return p
	}
	roots := l.roots(cf)
	if im := p.ch.Image; im != nil {
		if fix := l.pics.resolve(im, roots); im.Missing != "" {
			p.warn(p.line("img"), 0, "the picture %q (img) cannot be used: %s; %s", im.Src, im.Missing, fix)
		}
	}
	find := p.finder()
	doc.WalkBlocks(p.ch.Blocks, func(b doc.Block) bool {
		ib, ok := b.(*doc.ImageBlock)
		if !ok {
			return true
		}
		line, _ := find(ib.Src)
		if strings.TrimSpace(ib.Src) == "" {
			ib.Missing = "no path given"
			p.warn(line, 0, "a picture in the text has no path; write it as ![description](path/to/picture.png)")
			return false
		}
		if fix := l.pics.resolve(&ib.Image, roots); ib.Missing != "" {
			p.warn(line, 0, "the picture %q cannot be used: %s; %s", ib.Src, ib.Missing, fix)
		}
		return false
	})
	return p
}

// group sorts chapters into programmes and reports duplicates and unknown
// garants.
func (l *loader) group(all []*parsed, people map[string]*doc.Person, havePeople bool, campaigns map[string]campaign) []*doc.Programme {
	type member struct {
		p      *parsed
		folder string // the folder's base name, for chapters without category
		cf     chapterFile
	}
	groups := map[string][]member{}
	for i, p := range all {
		if p.ch == nil {
			continue
		}
		uid, folder := p.category, ""
		if uid == "" {
			folder = l.fsys.Base(l.files[i].folder)
			var err error
			if uid, err = outfile.Name(Slug(folder)); err != nil {
				uid, folder = "program", "program"
			}
		}
		groups[uid] = append(groups[uid], member{p, folder, l.files[i]})
		l.lookUpGarant(p, people, havePeople)
	}

	var progs []*doc.Programme
	keep := map[*parsed]bool{}
	for uid, members := range groups {
		sort.SliceStable(members, func(i, j int) bool {
			a, b := members[i].p, members[j].p
			if a.hasOrder != b.hasOrder {
				return a.hasOrder
			}
			if a.hasOrder && a.ch.Order != b.ch.Order {
				return a.ch.Order < b.ch.Order
			}
			if a.ch.UID != b.ch.UID {
				return a.ch.UID < b.ch.UID
			}
			return a.ch.Source < b.ch.Source
		})
		prog := &doc.Programme{UID: uid, Title: uid}
		c := campaigns[uid]
		st := l.siteFor(members[0].cf)
		l.siteFacts(prog, st, c, members[0].p, members[0].folder)
		// "program" names the programme's own files (share/program.png
		// beside share/<uid>.png): a chapter may not take it.
		uids := map[string]string{"program": "the programme's own files"}
		orders := map[int]string{}
		for _, m := range members {
			p := m.p
			if prog.Group == "" {
				prog.Group = readableTitle(p.group)
			}
			// Uids differing only in case name the same file on Windows and macOS.
			if first, dup := uids[strings.ToLower(p.ch.UID)]; dup {
				old := p.ch.UID
				n := 2
				for taken(uids, strings.ToLower(old+"-"+strconv.Itoa(n))) {
					n++
				}
				p.ch.UID = old + "-" + strconv.Itoa(n)
				p.warn(p.line("uid"), 0, "the uid %q is also used by %s in the same programme; this chapter gets %q: give each chapter its own uid", old, first, p.ch.UID)
			}
			uids[strings.ToLower(p.ch.UID)] = p.ch.Source
			if p.hasOrder {
				if first, dup := orders[p.ch.Order]; dup {
					p.warn(p.line("order"), 0, "order %d is also given to %s; give each chapter of the programme its own order", p.ch.Order, first)
				} else {
					orders[p.ch.Order] = p.ch.Source
				}
			}
			prog.Chapters = append(prog.Chapters, p.ch)
		}
		siteLang := ""
		if st != nil {
			siteLang = st.lang
		}
		ps := make([]*parsed, len(members))
		for i, m := range members {
			ps[i] = m.p
		}
		l.languages(prog, ps, c.lang, siteLang)
		for _, m := range members {
			l.chapterFacts(m.p, m.cf, prog, st)
		}
		if l.opts.Campaign == "" || l.opts.Campaign == uid {
			progs = append(progs, prog)
			for _, m := range members {
				keep[m.p] = true
			}
		}
	}
	sort.Slice(progs, func(i, j int) bool { return progs[i].UID < progs[j].UID })

	if l.opts.Campaign != "" && len(progs) == 0 {
		names := slices.Sorted(maps.Keys(groups))
		file := ""
		if len(l.opts.Sources) > 0 {
			file = strings.ReplaceAll(l.opts.Sources[0], "\\", "/")
		}
		msg := fmt.Sprintf("no programme has the uid %q", l.opts.Campaign)
		if len(names) > 0 {
			msg += "; choose one of: " + strings.Join(names, ", ")
		}
		l.dl.Errorf(file, 0, "%s", msg)
	}

	for _, p := range all {
		if p == nil {
			continue
		}
		if l.opts.Campaign != "" && p.ch != nil && !keep[p] {
			continue // another programme's chapter
		}
		if l.opts.Campaign != "" && p.ch == nil && p.category != "" && p.category != l.opts.Campaign {
			continue
		}
		for _, d := range p.diags {
			l.dl.Add(d)
		}
	}
	n := 0
	for _, pr := range progs {
		n += len(pr.Chapters)
	}
	l.verbose("loaded %d chapters in %d programmes", n, len(progs))
	return progs
}

// lookUpGarant replaces a chapter's garant uid by the person.
func (l *loader) lookUpGarant(p *parsed, people map[string]*doc.Person, havePeople bool) {
	g := p.ch.Garant
	if g == nil {
		return
	}
	if person, ok := people[g.UID]; ok {
		found := *person
		p.ch.Garant = &found
		return
	}
	if !havePeople {
		p.warn(p.line("garant"), 0, "the garant %q cannot be looked up: no people folder was found (a site's _people); name it, or the uid is printed instead of a name", g.UID)
		return
	}
	p.warn(p.line("garant"), 0, "the garant %q is not among the people; check the spelling, or add a person file with \"uid: %s\" (the uid is printed instead of a name)", g.UID, g.UID)
}

// language returns the primary language subtag of a BCP 47 tag, lower
// case; "cs" when there is none.
func language(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if tag == "" {
		return "cs"
	}
	return tag
}

func taken(m map[string]string, k string) bool {
	_, ok := m[k]
	return ok
}

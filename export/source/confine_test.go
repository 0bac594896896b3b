package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leafpress/export/doc"
)

// TestPicturesStayInsideTheirRoots checks that a picture is opened only
// when its real place (links followed) lies inside an asset root, and that
// the message about a refused path is the same whether or not something
// exists out there.
func TestPicturesStayInsideTheirRoots(t *testing.T) {
	root := t.TempDir()
	pic := pngBytes(t, 20, 10)
	writeTree(t, root, map[string]string{
		"secret/real.png":             pic,
		"site/assets/img/inside.png":  pic,
		"site/_program/a/inside.md":   chapter("title: A\nuid: a\nimg: inside.png\n", body),
		"site/_program/a/dots.md":     chapter("title: B\nuid: b\nimg: ../../../secret/real.png\n", body),
		"site/_program/a/dotsnone.md": chapter("title: C\nuid: c\nimg: ../../../secret/none.png\n", body),
		"site/_program/a/link.md":     chapter("title: D\nuid: d\nimg: out/real.png\n", body),
		"site/_program/a/linknone.md": chapter("title: E\nuid: e\nimg: out/none.png\n", body),
		"site/_program/a/filelink.md": chapter("title: F\nuid: f\nimg: passwd.png\n", body),
		"site/_program/a/bodypic.md":  chapter("title: G\nuid: g\n", "Text.\n\n![x](../../../../secret/real.png)\n"),
		"site/_program/a/up.md":       chapter("title: I\nuid: i\nimg: ../../assets/img/inside.png\n", body),
		"site/_program/a/inlink.md":   chapter("title: H\nuid: h\nimg: inlink.png\n", body),
	})
	link := func(target, name string) {
		if err := os.Symlink(target, filepath.Join(root, "site", "assets", "img", name)); err != nil {
			t.Skip("symbolic links cannot be made here:", err)
		}
	}
	link(filepath.Join(root, "secret"), "out")                    // a folder link leading out
	link(filepath.Join(root, "secret", "real.png"), "passwd.png") // a file link leading out
	link("inside.png", "inlink.png")                              // a link that stays inside

	progs, dl := inDir(t, root, Options{Sources: []string{"site"}})
	images := map[string]*doc.Image{}
	for _, p := range progs {
		for _, c := range p.Chapters {
			images[c.UID] = c.Image
			doc.WalkBlocks(c.Blocks, func(b doc.Block) bool {
				if ib, ok := b.(*doc.ImageBlock); ok {
					images[c.UID] = &ib.Image
				}
				return true
			})
		}
	}
	for _, uid := range []string{"a", "h", "i"} {
		if im := images[uid]; im == nil || im.Path == "" {
			t.Errorf("chapter %s: the picture inside the site is not used: %+v", uid, im)
		}
	}
	msgs := map[string]string{}
	for _, uid := range []string{"b", "c", "d", "e", "f", "g"} {
		im := images[uid]
		if im == nil || im.Path != "" || !strings.Contains(im.Missing, "outside") {
			t.Errorf("chapter %s: a picture outside the roots is not refused: %+v", uid, im)
			continue
		}
		msgs[uid] = strings.ReplaceAll(im.Missing, im.Src, "SRC")
	}
	// b and c, d and e differ only in whether the file outside exists.
	if msgs["b"] != msgs["c"] || msgs["d"] != msgs["e"] {
		t.Errorf("the messages tell whether a file outside exists:\n%q\n%q\n%q\n%q", msgs["b"], msgs["c"], msgs["d"], msgs["e"])
	}
	for _, d := range dl.Items() {
		s := d.String()
		if strings.Contains(s, "secret") && !strings.Contains(s, "../secret") || strings.Contains(s, "real.png:") || strings.Contains(s, "PNG") {
			t.Errorf("a message says something about a file outside: %s", s)
		}
		if d.File == "" {
			t.Errorf("a message without a file: %s", s)
		}
	}
}

package source

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // pictures may be GIF
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"net/url"
	"strings"
	"sync"

	"leafpress/export/doc"
)

// pictureCheck is the verdict on one file: usable, or why not (missing)
// and what to do about it (fix).
type pictureCheck struct {
	missing, fix string
}

// pictures finds pictures under asset roots and checks that they can be
// decoded, remembering each file's verdict. It is safe for concurrent use.
type pictures struct {
	fsys  files
	mu    sync.Mutex
	cache map[string]pictureCheck
}

func newPictures(fsys files) *pictures {
	return &pictures{fsys: fsys, cache: map[string]pictureCheck{}}
}

// resolve finds src under the roots (in order) and fills in im: Path when
// the picture is usable, Missing otherwise. It returns what the user
// should do when the picture cannot be used, or "".
func (p *pictures) resolve(im *doc.Image, roots []string) (fix string) {
	im.FS = p.fsys.FS()
	src := strings.TrimSpace(im.Src)
	lower := strings.ToLower(src)
	if strings.Contains(lower, "://") || strings.HasPrefix(lower, "//") || strings.HasPrefix(lower, "data:") {
		im.Missing = "it is a web address; leafpress does not download pictures"
		return "save the picture under the assets folder and write its path instead"
	}
	names := []string{src}
	if i := strings.IndexAny(src, "?#"); i > 0 {
		names = append(names, src[:i])
	}
	if strings.Contains(src, "%") {
		if u, err := url.PathUnescape(src); err == nil && u != src {
			names = append(names, u)
		}
	}
	shown := make([]string, len(roots))
	for i, r := range roots {
		shown[i] = p.fsys.Display(r)
	}
	outside := false
	for _, root := range roots {
		for _, name := range names {
			rel := strings.TrimLeft(strings.ReplaceAll(name, "\\", "/"), "/")
			if rel == "" {
				continue
			}
			// Only a path whose real place (links followed) lies inside
			// the root is opened; nothing is said about any other file.
			cand, err := p.fsys.Within(roots, p.fsys.Join(root, rel))
			if errors.Is(err, errOutside) {
				outside = true
				continue
			}
			if err != nil {
				continue
			}
			fi, err := p.fsys.Stat(cand)
			if err != nil || fi.IsDir() {
				continue
			}
			c := p.check(cand)
			if c.missing == "" {
				im.Path = p.fsys.Display(cand)
				return ""
			}
			im.Missing = p.fsys.Display(cand) + ": " + c.missing
			return c.fix
		}
	}
	if outside {
		im.Missing = "the path leads outside the picture folders (" + strings.Join(shown, ", ") + ")"
		return "put the picture inside one of them and write its path from there, without .. or links that lead out"
	}
	im.Missing = "not found in " + strings.Join(shown, ", ")
	return "put the file there, or correct the path"
}

// check decides whether a file is a usable picture, reading only its header.
func (p *pictures) check(name string) pictureCheck {
	p.mu.Lock()
	c, ok := p.cache[name]
	p.mu.Unlock()
	if ok {
		return c
	}
	c = p.checkFile(name)
	p.mu.Lock()
	p.cache[name] = c
	p.mu.Unlock()
	return c
}

func (p *pictures) checkFile(name string) pictureCheck {
	f, err := p.fsys.Open(name)
	if err != nil {
		return pictureCheck{"it cannot be read (" + cause(err).Error() + ")", "check the file's permissions"}
	}
	defer f.Close()
	br := bufio.NewReader(f)
	head, _ := br.Peek(512)
	if len(head) == 0 {
		return pictureCheck{"the file is empty", "save the picture again as PNG or JPEG"}
	}
	cfg, _, err := image.DecodeConfig(br)
	if err != nil {
		if kind := sniffPicture(head); kind != "" {
			return pictureCheck{"it is " + kind + ", not a PNG, JPEG or GIF picture", "convert it to PNG or JPEG"}
		}
		if errors.Is(err, image.ErrFormat) {
			return pictureCheck{"it is not a PNG, JPEG or GIF picture", "convert it to PNG or JPEG"}
		}
		return pictureCheck{"the picture is damaged (" + err.Error() + ")", "save it again as PNG or JPEG"}
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return pictureCheck{"the picture has no pixels", "save it again as PNG or JPEG"}
	}
	if int64(cfg.Width)*int64(cfg.Height) > doc.MaxImagePixels {
		return pictureCheck{fmt.Sprintf("it is too large (%d × %d pixels)", cfg.Width, cfg.Height), "scale it down to at most 5000 pixels on its longer side"}
	}
	return pictureCheck{}
}

// sniffPicture names the format of a picture leafpress cannot use, from
// its first bytes, or returns "".
func sniffPicture(head []byte) string {
	trimmed := bytes.TrimLeft(head, " \t\r\n\xef\xbb\xbf")
	switch {
	case bytes.HasPrefix(head, []byte("RIFF")) && len(head) >= 12 && string(head[8:12]) == "WEBP":
		return "a WebP picture"
	case bytes.HasPrefix(trimmed, []byte("<svg")), bytes.HasPrefix(trimmed, []byte("<?xml")) && bytes.Contains(head, []byte("<svg")):
		return "an SVG drawing"
	case bytes.HasPrefix(head, []byte("%PDF")):
		return "a PDF document"
	case bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")):
		return "a TIFF picture"
	case bytes.HasPrefix(head, []byte("BM")):
		return "a BMP picture"
	case len(head) >= 12 && string(head[4:8]) == "ftyp" && (string(head[8:12]) == "heic" || string(head[8:12]) == "heix" || string(head[8:12]) == "mif1" || string(head[8:12]) == "avif"):
		return "an HEIC or AVIF picture"
	case bytes.HasPrefix(trimmed, []byte("<")):
		return "a web page"
	}
	return ""
}

// cause strips the path from a file-system error (the diagnostic names
// the file already).
func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

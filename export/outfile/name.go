package outfile

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxNameBytes is the longest file name Name returns, in bytes: far
// above any real uid and below every file system's limit of 255 once a
// suffix such as "-print.pdf" and a temporary name's extra parts are added.
const MaxNameBytes = 100

// reserved are the names Windows gives to devices: a file called so (with
// any extension) cannot be created there, and writing to it writes to the
// device.
var reserved = map[string]bool{
	"CON": true, "PRN": true, "AUX": true, "NUL": true, "CONIN$": true, "CONOUT$": true,
	"COM0": true, "COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT0": true, "LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true,
	"COM¹": true, "COM²": true, "COM³": true, "LPT¹": true, "LPT²": true, "LPT³": true,
}

// Name is the one way an id from the input (a chapter's or a programme's
// uid) becomes a file or folder name. It refuses ids that name another
// place ("..", a folder separator of either kind, a drive letter), a
// device (CON, NUL, COM1, ... in any case, with any extension) or nothing
// at all, and maps the rest to a safe name: ASCII letters and digits,
// '-', '_' and '.', never starting with '.' or '-', accents removed
// ("Doprava a bezpečnost" becomes "Doprava-a-bezpecnost"). The error says
// what is wrong with the id, for a message at its line; it never holds
// the id itself.
func Name(id string) (string, error) {
	id = strings.TrimSpace(id)
	switch {
	case id == "":
		return "", fmt.Errorf("it is empty")
	case strings.Contains(id, ".."):
		return "", fmt.Errorf(`it holds ".." (the parent folder)`)
	case strings.ContainsAny(id, `/\`):
		return "", fmt.Errorf(`it holds a folder separator ("/" or "\")`)
	case len(id) >= 2 && id[1] == ':' && isASCIILetter(rune(id[0])):
		return "", fmt.Errorf("it starts with a drive letter")
	case isReserved(id):
		return "", fmt.Errorf("it is the name of a device on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9)")
	}
	var sb strings.Builder
	dash := false
	for _, r := range norm.NFD.String(id) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'ł':
			r = 'l'
		case r == 'Ł':
			r = 'L'
		case r == 'đ':
			r = 'd'
		case r == 'Đ':
			r = 'D'
		}
		if !(isASCIILetter(r) || r >= '0' && r <= '9' || r == '_' || r == '.' || r == '-') {
			dash = true
			continue
		}
		if r == '-' {
			dash = true
			continue
		}
		if dash && sb.Len() > 0 {
			sb.WriteByte('-')
		}
		dash = false
		if r == '.' && sb.Len() == 0 {
			continue
		}
		sb.WriteRune(r)
	}
	name := strings.TrimRight(sb.String(), ".")
	switch {
	case name == "":
		return "", fmt.Errorf("it has no letter or digit")
	case len(name) > MaxNameBytes:
		return "", fmt.Errorf("it is longer than %d characters", MaxNameBytes)
	case isReserved(name):
		return "", fmt.Errorf("it is the name of a device on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9)")
	}
	return name, nil
}

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// isReserved reports whether a name is a Windows device name, which that
// system recognises whatever the case and extension ("nul.pdf", "Com1 ").
func isReserved(name string) bool {
	base, _, _ := strings.Cut(name, ".")
	base = strings.ToUpper(strings.TrimRight(base, " "))
	return reserved[base]
}

// Within returns an error unless path, once cleaned, lies inside root (or
// is root itself). Every output path is checked with it after joining,
// whatever the names it was joined from.
func Within(root, path string) error {
	r, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	p, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	rel, err := filepath.Rel(r, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return fmt.Errorf("%s lies outside the output folder %s", filepath.ToSlash(path), filepath.ToSlash(root))
	}
	return nil
}

package templates

import _ "embed"

//go:embed share/card.yaml
var shareCard []byte

// Share returns a fresh copy of the built-in template of share pictures
// (share/card.yaml): the size of the picture a social network previews,
// its faces, sizes, colours and the frame of the chapter's picture. It is
// not a page template and is not among [Names].
func Share() (*Template, error) {
	if t, ok := fromSnapshot("share"); ok {
		return t, nil
	}
	return shareYAML()
}

// shareYAML reads the share pictures' template from its YAML file.
func shareYAML() (*Template, error) {
	return parse("builtin:share", "share", shareCard, nil)
}

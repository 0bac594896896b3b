package templates

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"sync"
)

// Reading a built-in template from its YAML (the defaults, then the file
// over them, then the checks) takes a few milliseconds, as long as
// everything else a rebuild does before its first document. builtin.json
// holds every built-in template as that reading gives it, decoded in a
// tenth of the time. It names the digest of the YAML files it was made
// from; when they have changed since, the YAML is read as before, so a
// stale snapshot is slower, never wrong. TestSnapshot checks that the
// snapshot is current and equals reading the YAML; after editing a
// built-in template, write it again with
//
//	go test ./templates -run TestSnapshot -update
//
//go:generate go test -run TestSnapshot -update .
//go:embed builtin.json
var snapshotJSON []byte

// snapshotFile is what builtin.json holds.
type snapshotFile struct {
	// Digest is sourcesDigest of the YAML files the templates were read from.
	Digest string
	// Templates holds each built-in template by name, and the share
	// pictures' template as "share".
	Templates map[string]json.RawMessage
}

// snapshot returns the templates of builtin.json, or nil when the file
// is not current (the YAML is read instead).
var snapshot = sync.OnceValue(func() map[string]json.RawMessage { return readSnapshot(snapshotJSON) })

// readSnapshot returns the templates of a snapshot file, or nil when it
// was made from other YAML files than the embedded ones.
func readSnapshot(data []byte) map[string]json.RawMessage {
	var s snapshotFile
	if json.Unmarshal(data, &s) != nil || s.Digest != sourcesDigest() {
		return nil
	}
	return s.Templates
}

// fromSnapshot returns a fresh copy of the built-in template name
// ("share" for the share pictures' one) from the snapshot, ok false when
// the snapshot is not current or lacks it.
func fromSnapshot(name string) (*Template, bool) {
	raw, ok := snapshot()[name]
	if !ok {
		return nil, false
	}
	t := &Template{}
	if json.Unmarshal(raw, t) != nil {
		return nil, false
	}
	return t, true
}

// sourcesDigest is the SHA-256 of every embedded YAML file (name and
// content), in hex.
func sourcesDigest() string {
	h := sha256.New()
	add := func(name string, data []byte) {
		h.Write([]byte(name))
		h.Write([]byte{0})
		h.Write(data)
		h.Write([]byte{0})
	}
	entries, _ := fs.ReadDir(builtins, ".")
	for _, e := range entries {
		data, _ := builtins.ReadFile(e.Name())
		add(e.Name(), data)
	}
	add("share/card.yaml", shareCard)
	return hex.EncodeToString(h.Sum(nil))
}

// makeSnapshot reads every built-in template from its YAML and returns
// the content of builtin.json.
func makeSnapshot() ([]byte, error) {
	s := snapshotFile{Digest: sourcesDigest(), Templates: map[string]json.RawMessage{}}
	add := func(name string, t *Template, err error) error {
		if err != nil {
			return err
		}
		b, err := json.Marshal(t)
		s.Templates[name] = b
		return err
	}
	for _, name := range Names() {
		t, err := builtinYAML(name, nil)
		if err := add(name, t, err); err != nil {
			return nil, err
		}
	}
	t, err := shareYAML()
	if err := add("share", t, err); err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(s, "", "\t")
	return append(b, '\n'), err
}

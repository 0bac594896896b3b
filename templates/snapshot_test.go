package templates

import (
	"bytes"
	"flag"
	"os"
	"reflect"
	"testing"
)

var update = flag.Bool("update", false, "write builtin.json from the built-in templates' YAML")

// TestSnapshot checks that builtin.json is current and that every
// template it holds equals reading that template's YAML, field by field.
func TestSnapshot(t *testing.T) {
	want, err := makeSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("builtin.json", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(snapshotJSON, want) {
		t.Fatal("builtin.json is not what the built-in templates' YAML gives; write it again with: go test ./templates -run TestSnapshot -update")
	}
	if snapshot() == nil {
		t.Fatal("builtin.json is not used: its digest does not match the embedded YAML files")
	}
	for _, name := range append(Names(), "share") {
		read := func() (*Template, error) { return builtinYAML(name, nil) }
		if name == "share" {
			read = shareYAML
		}
		fromYAML, err := read()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, ok := fromSnapshot(name)
		if !ok {
			t.Fatalf("%s: not in builtin.json", name)
		}
		if !reflect.DeepEqual(got, fromYAML) {
			t.Errorf("%s: the snapshot differs from the YAML:\n got %+v\nwant %+v", name, got, fromYAML)
		}
	}
	// What the callers get is the snapshot's, and a copy of their own.
	a, _ := Builtin("dl-leaflet")
	if b, _ := fromSnapshot("dl-leaflet"); !reflect.DeepEqual(a, b) {
		t.Error("Builtin does not give the snapshot's template")
	}
	s1, _ := Share()
	s1.Colours.Brand.CMYK = append(s1.Colours.Brand.CMYK, 1)
	if s2, _ := Share(); reflect.DeepEqual(s1, s2) {
		t.Error("Share shares its values between calls")
	}
}

// TestSnapshotStale checks that a snapshot made from other YAML files is
// not used, and that the digest follows every file.
func TestSnapshotStale(t *testing.T) {
	if readSnapshot(snapshotJSON) == nil {
		t.Fatal("the current builtin.json is refused")
	}
	stale := bytes.Replace(snapshotJSON, []byte(sourcesDigest()), []byte("0123"), 1)
	if readSnapshot(stale) != nil {
		t.Error("a snapshot of other YAML files is used")
	}
	before := sourcesDigest()
	saved := shareCard
	shareCard = append(bytes.Clone(saved), '\n')
	defer func() { shareCard = saved }()
	if sourcesDigest() == before {
		t.Error("the digest does not change when share/card.yaml does")
	}
}

package doccache

import (
	"os"
	"path/filepath"
	"testing"
)

type entry struct {
	Warnings []string
	Data     []byte
}

func TestKey(t *testing.T) {
	c := New(t.TempDir())
	if c == nil {
		t.Fatal("the test program cannot be identified")
	}
	k1, ok1 := c.Key("programme", map[string]int{"a": 1})
	k2, ok2 := c.Key("programme", map[string]int{"a": 2})
	k3, _ := c.Key("programme", map[string]int{"a": 1})
	k4, _ := c.Key("programm", "e", map[string]int{"a": 1})
	if !ok1 || !ok2 || k1 == k2 || k1 != k3 || k1 == k4 {
		t.Errorf("keys: %v %v %v %v", k1, k2, k3, k4)
	}
	if _, ok := c.Key(func() {}); ok {
		t.Error("a part that cannot be encoded gave a key")
	}
	var nilCache *Cache
	if _, ok := nilCache.Key("x"); ok || New("") != nil {
		t.Error("no folder: a cache that keeps something")
	}
}

// TestStoreLoad: an entry comes back as stored; a damaged, cut or foreign
// entry is not used, and a new Store replaces it.
func TestStoreLoad(t *testing.T) {
	c := New(t.TempDir())
	k, _ := c.Key("doc")
	var e entry
	if c.Load(k, &e) {
		t.Fatal("an empty cache had an entry")
	}
	want := entry{Warnings: []string{"page 2: too long"}, Data: []byte("%PDF-1.7 ...")}
	c.Store(k, want)
	if !c.Load(k, &e) || string(e.Data) != string(want.Data) || len(e.Warnings) != 1 {
		t.Fatalf("loaded %+v, want %+v", e, want)
	}
	path := c.path(k)
	good, _ := os.ReadFile(path)
	for name, b := range map[string][]byte{
		"cut short": good[:len(good)-3],
		"damaged":   append(append([]byte{}, good[:len(good)-1]...), good[len(good)-1]^1),
		"foreign":   []byte("something else entirely, long enough to hold a digest......"),
	} {
		os.WriteFile(path, b, 0o644)
		if c.Load(k, &entry{}) {
			t.Errorf("a %s entry was used", name)
		}
	}
	c.Store(k, want)
	if !c.Load(k, &entry{}) {
		t.Error("the entry was not written again")
	}
	if tmp, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".tmp-*")); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

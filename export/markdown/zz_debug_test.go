package markdown

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

func TestZZDebug(t *testing.T) {
	p := os.Getenv("MDX")
	if p == "" {
		t.Skip()
	}
	src, _ := os.ReadFile(p)
	bs, probs := Blocks(src)
	for _, b := range bs {
		out, _ := json.Marshal(b)
		fmt.Println(string(out))
	}
	if os.Getenv("INL") != "" {
		out, _ := json.Marshal(Inlines(src))
		fmt.Println("INLINES", string(out))
	}
	for _, pr := range probs {
		fmt.Println("PROBLEM", pr)
	}
}

package markdown

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestZZ2(t *testing.T) {
	s := os.Getenv("HTMLX")
	if s == "" {
		t.Skip()
	}
	nodes, _ := html.ParseFragment(strings.NewReader(s), bodyContext)
	var dump func(n *html.Node, d int)
	dump = func(n *html.Node, d int) {
		fmt.Printf("%s%d %q\n", strings.Repeat(" ", d), n.Type, n.Data)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			dump(c, d+1)
		}
	}
	for _, n := range nodes {
		dump(n, 0)
	}
}

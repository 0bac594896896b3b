package pipeline

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// pageFacts is what the page itself reports after loading.
type pageFacts struct {
	ViewportWidth int      `json:"vw"`
	ScrollWidth   int      `json:"sw"`
	Wide          []string `json:"wide"`     // elements reaching past the viewport
	Links         []string `json:"links"`    // every a[href], resolved
	Pictures      []string `json:"pictures"` // every img src and srcset entry, resolved
	NoAlt         []string `json:"noAlt"`    // pictures without alt text
	Broken        []string `json:"broken"`   // pictures that did not load
	Headings      []int    `json:"headings"` // levels in document order
	Lang          string   `json:"lang"`
}

const factsJS = `(() => {
  const vw = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > vw + 1 || r.left < -1)) wide.push(el.tagName + '.' + el.className + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  const pics = [], noAlt = [], broken = [];
  for (const img of document.images) {
    pics.push(img.src);
    for (const part of (img.getAttribute('srcset') || '').split(',')) {
      const u = part.trim().split(/\s+/)[0];
      if (u) pics.push(new URL(u, document.baseURI).href);
    }
    if (!(img.getAttribute('alt') || '').trim()) noAlt.push(img.src);
    if (!img.complete || img.naturalWidth === 0) broken.push(img.src);
  }
  return {
    vw, sw: document.documentElement.scrollWidth, wide,
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
    pictures: pics, noAlt, broken,
    headings: [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1]),
    lang: document.documentElement.lang,
  };
})()`

// TestDownloadPage opens every download page of the sample build in
// headless Chromium at a phone's and a desktop's size: no console error,
// no request outside the output folder, nothing wider than the viewport,
// every link and picture pointing at a file that exists, alt text on
// every picture, headings in order. LEAFPRESS_PAGE_SHOTS=DIR keeps a
// screenshot of each.
func TestDownloadPage(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not found; install the Debian package chromium")
	}
	dir, res := buildSamples(t)
	pages := []string{filepath.Join(dir, "index.html")}
	for _, p := range res.Programmes {
		pages = append(pages, filepath.Join(dir, p.UID, "index.html"))
	}
	root, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("allow-file-access-from-files", true),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	shots := os.Getenv("LEAFPRESS_PAGE_SHOTS")
	for _, page := range pages {
		for _, vp := range []struct{ w, h int64 }{{390, 844}, {1280, 800}} {
			name, _ := filepath.Rel(dir, page)
			t.Run(filepath.ToSlash(name)+"@"+strconv.FormatInt(vp.w, 10), func(t *testing.T) {
				var mu sync.Mutex
				var problems, requests []string
				listen := func(ev any) {
					mu.Lock()
					defer mu.Unlock()
					switch ev := ev.(type) {
					case *runtime.EventConsoleAPICalled:
						if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
							problems = append(problems, "console "+string(ev.Type))
						}
					case *runtime.EventExceptionThrown:
						problems = append(problems, "exception: "+ev.ExceptionDetails.Text)
					case *cdplog.EventEntryAdded:
						if ev.Entry != nil && (ev.Entry.Level == cdplog.EntryLevelError || ev.Entry.Level == cdplog.EntryLevelWarning) {
							problems = append(problems, "console "+string(ev.Entry.Level)+": "+ev.Entry.Text+" "+ev.Entry.URL)
						}
					case *network.EventRequestWillBeSent:
						requests = append(requests, ev.Request.URL)
					case *network.EventLoadingFailed:
						problems = append(problems, "failed to load: "+ev.ErrorText)
					}
				}
				ctx, cancel := chromedp.NewContext(bctx, chromedp.WithListener(listen))
				defer cancel()
				if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
					t.Fatal(err)
				}
				tctx, cancel2 := context.WithTimeout(ctx, 90*time.Second)
				defer cancel2()
				err := chromedp.Do(tctx,
					chromedp.EmulateViewport(vp.w, vp.h),
					chromedp.Navigate("file://"+page),
					chromedp.WaitReady("body"),
				)
				if err != nil {
					t.Fatal(err)
				}
				// Pictures below the fold load lazily: ask for them all, and
				// wait until every one has loaded or failed.
				for i := 0; ; i++ {
					done, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`(() => {
  for (const img of document.images) img.loading = 'eager';
  return [...document.images].every(img => img.complete);
})()`))
					if err != nil {
						t.Fatal(err)
					}
					if done || i == 100 {
						break
					}
					time.Sleep(50 * time.Millisecond)
				}
				facts, err := chromedp.Run(tctx, chromedp.Evaluate[pageFacts](factsJS))
				if err != nil {
					t.Fatal(err)
				}
				if shots != "" {
					shot, err := chromedp.Run(tctx, chromedp.FullScreenshot(90))
					if err != nil {
						t.Fatal(err)
					}
					os.WriteFile(filepath.Join(shots, strings.ReplaceAll(filepath.ToSlash(name), "/", "-")+"-"+strconv.FormatInt(vp.w, 10)+".jpg"), shot, 0o644)
				}
				mu.Lock()
				defer mu.Unlock()
				for _, p := range problems {
					t.Errorf("%s", p)
				}
				for _, r := range requests {
					if !inside(root, r) {
						t.Errorf("request outside the output folder: %s", r)
					}
				}
				if facts.ScrollWidth > facts.ViewportWidth {
					t.Errorf("the page is %d px wide in a %d px viewport", facts.ScrollWidth, facts.ViewportWidth)
				}
				for _, w := range facts.Wide {
					t.Errorf("wider than the viewport: %s", w)
				}
				for _, l := range append(facts.Links, facts.Pictures...) {
					if strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") {
						continue // a chapter's page on the campaign's site, not a file
					}
					if !inside(root, l) {
						t.Errorf("link or picture outside the output folder: %s", l)
						continue
					}
					if _, err := os.Stat(localPath(l)); err != nil {
						t.Errorf("link or picture to a missing file: %s", l)
					}
				}
				if len(facts.Pictures) == 0 {
					t.Error("the page shows no picture")
				}
				for _, p := range facts.NoAlt {
					t.Errorf("picture without alt text: %s", p)
				}
				for _, p := range facts.Broken {
					t.Errorf("picture that does not load: %s", p)
				}
				last := 0
				for _, h := range facts.Headings {
					if h > last+1 {
						t.Errorf("headings skip a level: %v", facts.Headings)
						break
					}
					last = h
				}
				if len(facts.Headings) == 0 || facts.Headings[0] != 1 {
					t.Errorf("the page does not start with one h1: %v", facts.Headings)
				}
				if facts.Lang == "" {
					t.Error("<html> has no lang")
				}
			})
		}
	}
}

// inside reports whether a file:// address lies in root.
func inside(root, u string) bool {
	if !strings.HasPrefix(u, "file://") {
		return false
	}
	p := localPath(u)
	rel, err := filepath.Rel(root, p)
	return err == nil && !strings.HasPrefix(rel, "..")
}

func localPath(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return filepath.FromSlash(pu.Path)
}

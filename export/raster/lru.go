package raster

import (
	"container/list"
	"sync"
)

// lru keeps values up to a total size in bytes, dropping the least
// recently used first: pictures are shared by many pages, but a programme
// of a thousand chapters with a picture each must not keep them all.
type lru[K comparable, V any] struct {
	mu       sync.Mutex
	limit    int
	size     int
	items    map[K]*list.Element
	order    *list.List // of *lruItem, most recently used at the front
	inFlight making[K]  // values being made
}

type lruItem[K comparable, V any] struct {
	key  K
	val  V
	size int
}

func newLRU[K comparable, V any](limit int) *lru[K, V] {
	return &lru[K, V]{limit: limit, items: map[K]*list.Element{}, order: list.New(), inFlight: making[K]{}}
}

// get returns the value kept for k, or mk's value, which is kept with
// the size mk gives. While one caller makes a value, others asking for
// the same key wait for it; when it is not kept (larger than the limit)
// or mk panicked, the next of them makes it again.
func (c *lru[K, V]) get(k K, mk func() (V, int)) V {
	c.mu.Lock()
	for {
		if e, ok := c.items[k]; ok {
			c.order.MoveToFront(e)
			v := e.Value.(*lruItem[K, V]).val
			c.mu.Unlock()
			return v
		}
		if !c.inFlight.wait(&c.mu, k) {
			break
		}
	}
	c.inFlight.start(k)
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		c.inFlight.done(k)
		c.mu.Unlock()
	}()
	v, size := mk()
	c.mu.Lock()
	defer c.mu.Unlock()
	if size > c.limit {
		return v
	}
	c.items[k] = c.order.PushFront(&lruItem[K, V]{k, v, size})
	c.size += size
	for c.size > c.limit {
		old := c.order.Remove(c.order.Back()).(*lruItem[K, V])
		delete(c.items, old.key)
		c.size -= old.size
	}
	return v
}

// making is the keys whose values are being made, each with a channel
// closed when it is made: a caller asking for one waits for it instead
// of making it too. The mutex guarding the values guards it.
type making[K comparable] map[K]chan struct{}

// wait waits until k is made when it is being made, unlocking mu
// meanwhile, and reports whether it waited: then whoever made it is done
// and the value may be there.
func (m making[K]) wait(mu *sync.Mutex, k K) bool {
	done, ok := m[k]
	if !ok {
		return false
	}
	mu.Unlock()
	<-done
	mu.Lock()
	return true
}

// start marks k as being made; done marks it made (mu held for both).
func (m making[K]) start(k K) { m[k] = make(chan struct{}) }

func (m making[K]) done(k K) {
	close(m[k])
	delete(m, k)
}

"""Web helpers with no domain in them (text limits, ids in URLs and forms, Atom feeds,
spreadsheet-safe cells, the page cache). Every app may import this package; it imports
none of them."""

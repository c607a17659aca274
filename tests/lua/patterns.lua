-- The sandbox's string.find, match, gmatch and gsub (console/core/rules/pattern.c)
-- against what the Lua 5.4 reference manual (§6.4.1) says they do.
-- Run by tests/lua/test_sandbox; also `govnet rules test tests/lua/patterns.lua`.

local function eq(got, want, what)
  if got ~= want then
    error(string.format("%s: got %s, wanted %s", what, tostring(got), tostring(want)), 2)
  end
end

function validate(event) end

function test_find_plain_and_positions()
  eq(select(1, ("hello world"):find("o w")), 5, "plain start")
  eq(select(2, ("hello world"):find("o w")), 7, "plain end")
  eq(("a.b"):find(".", 1, true), 2, "plain flag")
  eq(("abc"):find("", 10), nil, "init past the end")
  eq(("abc"):find("", 4), 4, "empty match at the end")
  eq(("abcabc"):find("b", -2), 5, "negative init")
  eq(("abc"):find("x"), nil, "no match")
end

function test_classes_and_sets()
  eq(("key = 42"):match("%d+"), "42", "%d")
  eq(("  x"):match("^%s*(.)"), "x", "%s and anchor")
  eq(("ABCdef"):match("%u+"), "ABC", "%u")
  eq(("ABCdef"):match("%l+"), "def", "%l")
  eq(("a1_b"):match("[%w_]+"), "a1_b", "set with class")
  eq(("x-y"):match("[a-]+"), "-", "a '-' at the end of a set is literal")
  eq(("--a"):match("[a-]+"), "--a", "literal '-' in a set")
  eq(("]]x"):match("[]]+"), "]]", "']' first in a set")
  eq(("abc123"):match("[^%a]+"), "123", "complement")
  eq(("hello"):match("%A"), nil, "upper-case class is the complement")
  eq(("f(a)"):match("%((%a)%)"), "a", "escaped parentheses")
end

function test_quantifiers()
  eq(("aaab"):match("a*"), "aaa", "* is greedy")
  eq(("aaab"):match("a-b"), "aaab", "- expands until b")
  eq(("<a><b>"):match("<(.-)>"), "a", "- is lazy")
  eq(("<a><b>"):match("<(.*)>"), "a><b", "* backtracks to the last >")
  eq(("color colour"):gsub("colou?r", "C"), "C C", "? optional")
  eq(("abc"):match("^(a+)"), "a", "+ at least one")
  eq(("bc"):match("^a+"), nil, "+ needs one")
  eq(("xyz"):match("y*"), "", "* may match empty at the start")
end

function test_anchors_and_end()
  eq(("abc"):match("^b"), nil, "^ anchors")
  eq(("abc"):match("c$"), "c", "$ at the end")
  eq(("a$b"):match("%$b"), "$b", "escaped $")
  eq(("a$b"):match("$b"), "$b", "$ not at the end is literal")
  eq(("ab"):find("^b", 2), 2, "^ anchors at init")
end

function test_captures()
  local k, v = ("name=value"):match("(%w+)=(%w+)")
  eq(k, "name", "first capture")
  eq(v, "value", "second capture")
  eq(("hello"):match("()ll()"), 3, "position capture")
  eq(select(2, ("hello"):match("()ll()")), 5, "second position capture")
  eq(("abcabc"):match("(abc)%1"), "abc", "back reference")
  eq(("abcabd"):match("(abc)%1"), nil, "back reference mismatch")
  local s, e, c = ("x = 10"):find("(%d+)")
  eq(s, 5, "find start with captures")
  eq(e, 6, "find end with captures")
  eq(c, "10", "find returns captures")
end

function test_balance_and_frontier()
  eq(("f(a(b)c) d"):match("%b()"), "(a(b)c)", "%b")
  eq(("THE (quick) fox"):gsub("%f[%a]%a+", "W"), "W (W) W", "%f frontier")
  eq(("hello"):find("%f[%l]"), 1, "frontier at the start")
end

function test_gmatch()
  local words = {}
  for w in ("one two  three"):gmatch("%a+") do words[#words + 1] = w end
  eq(#words, 3, "three words")
  eq(words[3], "three", "the third")
  local pairs_ = {}
  for k, v in ("a=1, b=2"):gmatch("(%w+)=(%w+)") do pairs_[k] = v end
  eq(pairs_.b, "2", "captures in gmatch")
  local n = 0
  for _ in ("abc"):gmatch("") do n = n + 1 end
  eq(n, 4, "empty matches at each position")
  local from = {}
  for w in ("aa bb cc"):gmatch("%a+", 4) do from[#from + 1] = w end
  eq(from[1], "bb", "gmatch with init")
end

function test_gsub()
  eq(("hello world"):gsub("o", "0"), "hell0 w0rld", "string replacement")
  eq(select(2, ("hello world"):gsub("o", "0")), 2, "count")
  eq(("hello world"):gsub("o", "0", 1), "hell0 world", "at most n")
  eq(("hello"):gsub("l+", "%0%0"), "hellllo", "%0")
  eq(("a,b"):gsub("(%w),(%w)", "%2,%1"), "b,a", "%1 %2")
  eq(("100%"):gsub("%%", "%%%%"), "100%%", "%% in the replacement")
  eq(("$x $y"):gsub("%$(%w+)", { x = "1" }), "1 $y", "table replacement, false keeps")
  eq(("abc"):gsub("%w", function(c) return c:upper() .. "." end), "A.B.C.", "function replacement")
  eq(("abc"):gsub("", "-"), "-a-b-c-", "empty pattern")
  eq(("  trim  "):gsub("^%s+", ""), "trim  ", "anchored gsub replaces once")
  eq(("x"):gsub("x", "%1"), "x", "%1 with no captures is the whole match")
end

function test_errors()
  eq(pcall(string.find, "a", "%"), false, "pattern ending with %")
  eq(pcall(string.find, "a", "[a"), false, "missing ]")
  eq(pcall(string.find, "a", "(a"), false, "unfinished capture")
  eq(pcall(string.match, "a", "a)"), false, "invalid pattern capture")
  eq(("a"):find("a)"), nil, "find without specials is plain: no error")
  eq(pcall(string.gsub, "a", "a", "%2"), false, "invalid capture index")
  eq(pcall(string.find, "a", "%f"), false, "%f without a set")
end

-- expect: 已拒绝此更改
-- Unbounded recursion: a stack overflow or the memory cap, whichever first.
local function f(n) return 1 + f(n + 1) end
function validate(event)
  return f(1)
end

-- expect: 终结器没有运行
-- A __gc added after setmetatable marks nothing: the garbage is made and
-- collected, the finalizer never runs, and the script refuses by itself.
function validate(event)
  local mt = {}
  setmetatable({}, mt)
  mt.__gc = function() while true do end end
  for i = 1, 2e5 do local _ = { i } end
  return false, "终结器没有运行"
end

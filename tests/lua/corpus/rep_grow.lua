-- expect: 内存超出上限
-- Strings just under the cap, kept.
function validate(event)
  local keep = {}
  while true do
    keep[#keep + 1] = string.rep("y", 3 * 1024 * 1024)
  end
end

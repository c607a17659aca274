-- expect: 内存超出上限
-- A string doubled until memory runs out, the failure caught each time.
function validate(event)
  local s = "x"
  while true do
    pcall(function() s = s .. s end)
  end
end

-- expect: 超出指令预算
-- Catching the stop of an empty string.rep, again and again.
function validate(event)
  while true do pcall(string.rep, "", 1 << 40) end
end

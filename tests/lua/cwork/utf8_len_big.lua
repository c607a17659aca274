-- expect: 超出指令预算|运行超时
-- utf8.len over four megabytes, over and over.
function validate(event)
  local s = string.rep("中", 1000000)
  while true do utf8.len(s) end
end

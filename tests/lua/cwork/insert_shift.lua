-- expect: 超出指令预算|运行超时|内存超出上限
-- table.insert at the front of a long table: every call moves it all.
function validate(event)
  local t = {}
  for i = 1, 200000 do t[i] = i end
  while true do table.insert(t, 1, 0); table.remove(t, 1) end
end

-- expect: 超出指令预算|运行超时
-- A comparator that never answers.
function validate(event)
  local t = { 3, 1, 2 }
  table.sort(t, function(a, b) while true do end end)
end

-- expect: 超出指令预算|运行超时
-- An ordinary error whose message handler never returns.
function validate(event)
  while true do
    xpcall(error, function() while true do end end, "x")
  end
end

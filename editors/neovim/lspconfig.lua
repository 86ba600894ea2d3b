-- vault-ls for users of nvim-lspconfig's `setup()` (Neovim 0.8-0.10; on 0.11+
-- prefer vault-ls.lua beside this file). nvim-lspconfig ships no entry for
-- vault-ls, so this defines one, then sets it up.
local configs = require('lspconfig.configs')
local util = require('lspconfig.util')

if not configs.vault_ls then
  configs.vault_ls = {
    default_config = {
      cmd = { 'vault-ls' },
      filetypes = { 'markdown' },
      root_dir = function(fname)
        return util.root_pattern('.obsidian')(fname) or util.root_pattern('.git')(fname)
      end,
      single_file_support = true,
      settings = {},
    },
  }
end

require('lspconfig').vault_ls.setup({
  settings = {
    ['vault-ls'] = {
      diagnostics = { aliasLink = 'hint', exclude = {} },
      codeLens = { backlinks = true },
    },
  },
})

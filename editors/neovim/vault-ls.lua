-- vault-ls for Neovim 0.11+: put this file in your config (for example as
-- ~/.config/nvim/plugin/vault-ls.lua), with `vault-ls` on your PATH.
vim.lsp.config('vault_ls', {
  cmd = { 'vault-ls' },
  filetypes = { 'markdown' },
  -- The vault is the nearest folder with .obsidian/, else the nearest git root.
  root_markers = { '.obsidian', '.git' },
  -- Read by the server at start-up; `settings` below answers later questions.
  init_options = {},
  settings = {
    ['vault-ls'] = {
      diagnostics = {
        unresolvedLink = 'warning',
        unresolvedHeading = 'warning',
        unresolvedBlock = 'warning',
        ambiguousLink = 'information',
        aliasLink = 'hint',
        exclude = {},
      },
      codeLens = { backlinks = true },
      -- Neovim watches no files for its servers on Linux: vault-ls watches the vault itself.
      files = { watcher = 'auto' },
    },
  },
})
vim.lsp.enable('vault_ls')

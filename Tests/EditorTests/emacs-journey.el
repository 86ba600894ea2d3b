;;; emacs-journey.el --- a user's journey in Emacs with eglot, run by EditorTests  -*- lexical-binding: t -*-
;; VAULT is a copy of a vault, VAULT_LS the server binary, RESULT the file
;; this script writes `key=value' lines to.

(setq package-directory-list '("/usr/share/emacs/site-lisp/elpa"))
(package-initialize)
(require 'eglot)
(require 'flymake)

(defvar journey-results nil)
(defun journey-record (key value)
  (push (format "%s=%s" key value) journey-results))
(defun journey-finish ()
  (with-temp-file (getenv "RESULT")
    (insert (mapconcat #'identity (reverse journey-results) "\n") "\n"))
  (kill-emacs 0))
(defun journey-wait (predicate seconds)
  "Process server output until PREDICATE holds or SECONDS pass."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall predicate)))

;; eglot asks before editing files that are not open: the user says yes.
(fset 'y-or-n-p (lambda (&rest _) t))
(fset 'yes-or-no-p (lambda (&rest _) t))

(condition-case failure
    (let* ((vault (file-name-as-directory (getenv "VAULT")))
           (project (cons 'transient vault)))
      (find-file (concat vault "Index.md"))
      (text-mode)
      (eglot '(text-mode) project 'eglot-lsp-server (list (getenv "VAULT_LS")) "markdown")
      (let ((server (eglot-current-server)))
        (journey-record "connected" (if server "yes" "no"))
        (journey-record "encoding" (plist-get (eglot--capabilities server) :positionEncoding))
        ;; Diagnostics reach flymake once the vault is indexed.
        (journey-wait (lambda () (flymake-diagnostics)) 15)
        (let ((diagnostics (flymake-diagnostics)))
          (journey-record "diagnostics" (length diagnostics))
          (journey-record "diagnostic" (and diagnostics (flymake-diagnostic-text (car diagnostics)))))
        ;; Definition and references through xref, as M-. and M-? use them.
        (goto-char (point-min))
        (forward-char 3)
        (let* ((identifier (xref-backend-identifier-at-point 'eglot))
               (definitions (xref-backend-definitions 'eglot identifier))
               (references (xref-backend-references 'eglot identifier)))
          (journey-record "definition"
                          (file-name-nondirectory (xref-location-group (xref-item-location (car definitions)))))
          (journey-record "references" (length references)))
        ;; Renaming the note would move a file, which eglot cannot do: refused.
        (condition-case refusal
            (progn (eglot-rename "Renamed") (journey-record "note-rename" "applied"))
          (error (journey-record "note-rename" (error-message-string refusal))))
        ;; Renaming a heading moves no file: it works.
        (goto-char (point-min))
        (search-forward "#Part")
        (backward-char 2)
        (eglot-rename "Piece")
        (save-some-buffers t)
        (journey-record "heading-rename" "done")))
  (error (journey-record "error" (error-message-string failure))))
(journey-finish)

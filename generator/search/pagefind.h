#pragma once
// The search index: Pagefind (npm package `pagefind`, pinned in the root package.json)
// indexes the finished site in its staging folder, before the folder is published, so a
// build that fails leaves no half index. Pagefind reads the pages' data-pagefind-*
// attributes (the theme's layout: what is indexed, the title, organisation, date and the
// filters) and writes pagefind/ with its script, WebAssembly and index chunks. Its binary
// is run directly: no Node.js at build time.
#include <filesystem>
#include <optional>
#include <string>

namespace nastavnik {

/// Pagefind's binary named by `given`: the binary itself, or a folder holding it as npm
/// installs it (node_modules, its @pagefind/linux-x64 package or its bin/). Nothing when
/// there is none.
std::optional<std::filesystem::path> find_pagefind(const std::filesystem::path& given);

/// Runs Pagefind over the site in `site_folder`, which gets pagefind/. Throws
/// std::runtime_error with a Russian message and Pagefind's last lines when it fails.
void index_site(const std::filesystem::path& pagefind, const std::filesystem::path& site_folder);

}  // namespace nastavnik

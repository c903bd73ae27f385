// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "core/random.h"
#include "core/result.h"

namespace crm::auth {

// Renders `text` as a distorted ~120x40 PNG (libgd): each glyph rotated and offset at random,
// with noise lines and dots over a light background. Uses DejaVuSans-Bold via FreeType, or gd's
// built-in giant font (without rotation) where that font file is missing.
// Returns the PNG bytes. Errors: kInternal auth.captcha_render_failed. Thread-safe.
Result<std::string> render_captcha_png(std::string_view text, Random& random);

}  // namespace crm::auth

/* Draws LINE messages as LINE would: text, images, stickers, and Flex bubbles and carousels
   (boxes, text, buttons, separators, images, fillers, spacers), close enough to judge a
   design by. `onAction(action)` is called when a button, or anything with an action, is tapped. */
(function () {
  "use strict";

  const SIZE = { xxs: 11, xs: 13, sm: 14, md: 16, lg: 19, xl: 22, xxl: 29, "3xl": 35, "4xl": 48, "5xl": 74 };
  const SPACE = { none: 0, xs: 2, sm: 4, md: 8, lg: 12, xl: 16, xxl: 20 };
  const RADIUS = { none: 0, xs: 2, sm: 4, md: 8, lg: 12, xl: 16, xxl: 20 };
  const BUBBLE = { nano: 120, micro: 160, deca: 220, hecto: 241, kilo: 260, mega: 300, giga: 340 };
  const BLOCK_PADDING = { header: 20, hero: 0, body: 20, footer: 10 };
  const ALIGN = { start: "flex-start", end: "flex-end", center: "center" };
  const IMAGE_SIZE = { xxs: 40, xs: 60, sm: 80, md: 100, lg: 120, xl: 140, xxl: 160, "3xl": 180, "4xl": 200, "5xl": 220 };

  function px(value, table) {
    if (value === undefined || value === null) return null;
    if (table && value in table) return table[value] + "px";
    return String(value);
  }

  function el(tag, className) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    return node;
  }

  function clickable(node, action, onAction) {
    if (!action) return;
    node.style.cursor = "pointer";
    node.addEventListener("click", (event) => {
      event.stopPropagation();
      onAction(action);
    });
  }

  /* -- components ------------------------------------------------------------------- */

  function box(spec, parentLayout, onAction) {
    const node = el("div", "flex-box");
    const layout = spec.layout || "vertical";
    node.style.flexDirection = layout === "vertical" ? "column" : "row";
    if (layout === "baseline") node.style.alignItems = "baseline";
    if (spec.backgroundColor) node.style.backgroundColor = spec.backgroundColor;
    if (spec.borderColor) node.style.borderColor = spec.borderColor;
    if (spec.borderWidth) {
      node.style.borderStyle = "solid";
      node.style.borderWidth = spec.borderWidth === "light" ? "0.5px" : spec.borderWidth === "normal" ? "1px"
        : spec.borderWidth === "medium" ? "2px" : spec.borderWidth === "semi-bold" ? "3px"
        : spec.borderWidth === "bold" ? "4px" : spec.borderWidth;
    }
    if (spec.cornerRadius) node.style.borderRadius = px(spec.cornerRadius, RADIUS);
    if (spec.width) node.style.width = spec.width;
    if (spec.maxWidth) node.style.maxWidth = spec.maxWidth;
    if (spec.height) node.style.height = spec.height;
    if (spec.maxHeight) node.style.maxHeight = spec.maxHeight;
    padding(node, spec);
    if (spec.justifyContent) node.style.justifyContent = spec.justifyContent;
    if (spec.alignItems) node.style.alignItems = spec.alignItems;
    if (spec.position === "absolute") node.style.position = "absolute";
    for (const side of ["Top", "Bottom", "Start", "End"]) {
      const offset = spec["offset" + side];
      if (offset) node.style[{ Top: "top", Bottom: "bottom", Start: "left", End: "right" }[side]] = px(offset, SPACE);
    }
    if (spec.background && spec.background.type === "linearGradient") {
      const b = spec.background;
      node.style.backgroundImage = `linear-gradient(${b.angle || "0deg"}, ${b.startColor}, ${b.endColor})`;
    }
    const gap = px(spec.spacing, SPACE);
    (spec.contents || []).forEach((child, index) => {
      const drawn = component(child, layout, onAction);
      if (!drawn) return;
      const margin = child.margin !== undefined ? px(child.margin, SPACE) : index > 0 ? gap : null;
      if (margin && index > 0) {
        if (layout === "vertical") drawn.style.marginTop = margin; else drawn.style.marginLeft = margin;
      } else if (margin && child.margin !== undefined && index === 0) {
        if (layout === "vertical") drawn.style.marginTop = margin; else drawn.style.marginLeft = margin;
      }
      node.appendChild(drawn);
    });
    grow(node, spec, parentLayout);
    clickable(node, spec.action, onAction);
    return node;
  }

  function padding(node, spec) {
    if (spec.paddingAll) node.style.padding = px(spec.paddingAll, SPACE);
    for (const side of ["Top", "Bottom", "Start", "End"]) {
      const value = spec["padding" + side];
      if (value) node.style[{ Top: "paddingTop", Bottom: "paddingBottom", Start: "paddingLeft", End: "paddingRight" }[side]] = px(value, SPACE);
    }
  }

  function grow(node, spec, parentLayout) {
    const horizontal = parentLayout === "horizontal" || parentLayout === "baseline";
    const flex = spec.flex !== undefined ? spec.flex : horizontal ? 1 : 0;
    node.style.flex = horizontal ? `${flex} ${flex} 0` : `${flex} 0 auto`;
    if (spec.gravity) node.style.alignSelf = { top: "flex-start", bottom: "flex-end", center: "center" }[spec.gravity];
  }

  function text(spec, parentLayout, onAction) {
    const node = el("span", "flex-text " + (spec.wrap ? "wrap" : "nowrap"));
    node.style.display = "block";
    node.style.fontSize = px(spec.size || "md", SIZE);
    if (spec.color) node.style.color = spec.color;
    if (spec.weight === "bold") node.style.fontWeight = "700";
    if (spec.style === "italic") node.style.fontStyle = "italic";
    if (spec.decoration === "underline") node.style.textDecoration = "underline";
    if (spec.decoration === "line-through") node.style.textDecoration = "line-through";
    if (spec.align) node.style.textAlign = spec.align === "start" ? "left" : spec.align === "end" ? "right" : "center";
    if (spec.lineSpacing) node.style.lineHeight = `calc(1.4em + ${spec.lineSpacing})`;
    if (spec.maxLines && spec.wrap) {
      node.style.display = "-webkit-box";
      node.style.webkitLineClamp = String(spec.maxLines);
      node.style.webkitBoxOrient = "vertical";
      node.style.overflow = "hidden";
    }
    if (Array.isArray(spec.contents) && spec.contents.length) {
      spec.contents.forEach((part) => {
        const span = el("span");
        span.textContent = part.text || "";
        if (part.color) span.style.color = part.color;
        if (part.size) span.style.fontSize = px(part.size, SIZE);
        if (part.weight === "bold") span.style.fontWeight = "700";
        node.appendChild(span);
      });
    } else {
      node.textContent = spec.text || "";
    }
    grow(node, spec, parentLayout);
    clickable(node, spec.action, onAction);
    return node;
  }

  function button(spec, parentLayout, onAction) {
    const node = el("button", "flex-button");
    node.type = "button";
    const style = spec.style || "link";
    node.style.height = spec.height === "sm" ? "40px" : "52px";
    if (style === "primary") {
      node.style.background = spec.color || "#17c950";
      node.style.color = "#fff";
    } else if (style === "secondary") {
      node.style.background = spec.color || "#dcdfe5";
      node.style.color = "#111";
    } else {
      node.style.background = "transparent";
      node.style.color = spec.color || "#42659a";
    }
    node.textContent = (spec.action && spec.action.label) || "";
    const wrapper = el("div", "flex-box");
    wrapper.style.flexDirection = "column";
    wrapper.appendChild(node);
    grow(wrapper, spec, parentLayout);
    if (spec.gravity) wrapper.style.alignSelf = { top: "flex-start", bottom: "flex-end", center: "center" }[spec.gravity];
    node.addEventListener("click", () => onAction(spec.action));
    return wrapper;
  }

  function image(spec, parentLayout, onAction) {
    const node = el("img", "flex-image");
    node.src = spec.url;
    node.alt = "";
    const size = spec.size || "md";
    if (size === "full") node.style.width = "100%";
    else node.style.width = px(size, IMAGE_SIZE);
    const [w, h] = (spec.aspectRatio || "1:1").split(":").map(Number);
    node.style.aspectRatio = `${w} / ${h}`;
    node.style.objectFit = spec.aspectMode === "cover" ? "cover" : "contain";
    if (spec.backgroundColor) node.style.backgroundColor = spec.backgroundColor;
    const wrapper = el("div", "flex-box");
    wrapper.style.justifyContent = ALIGN[spec.align || "center"];
    wrapper.appendChild(node);
    grow(wrapper, spec, parentLayout);
    clickable(wrapper, spec.action, onAction);
    return wrapper;
  }

  function component(spec, parentLayout, onAction) {
    switch (spec.type) {
      case "box": return box(spec, parentLayout, onAction);
      case "text": return text(spec, parentLayout, onAction);
      case "button": return button(spec, parentLayout, onAction);
      case "image": return image(spec, parentLayout, onAction);
      case "separator": {
        const node = el("hr", "flex-separator");
        if (spec.color) node.style.borderTopColor = spec.color;
        if (parentLayout !== "vertical") { node.style.width = "0"; node.style.borderTop = "0"; node.style.borderLeft = `1px solid ${spec.color || "#e5e7eb"}`; node.style.alignSelf = "stretch"; }
        return node;
      }
      case "filler": {
        const node = el("div");
        node.style.flex = `${spec.flex === undefined ? 1 : spec.flex} 0 0`;
        return node;
      }
      case "spacer": {
        const node = el("div");
        node.style.flex = "0 0 auto";
        node.style.height = node.style.width = px(spec.size || "md", SPACE);
        return node;
      }
      case "icon": {
        const node = el("img");
        node.src = spec.url;
        node.style.height = node.style.width = px(spec.size || "md", SIZE);
        return node;
      }
      case "span": return text({ type: "text", text: spec.text, size: spec.size, color: spec.color }, parentLayout, onAction);
      default: return null;
    }
  }

  /* -- containers ------------------------------------------------------------------- */

  function bubble(spec, onAction) {
    const node = el("div", "flex-bubble");
    node.style.width = (BUBBLE[spec.size || "mega"] || 300) + "px";
    node.style.maxWidth = "100%";
    const styles = spec.styles || {};
    for (const name of ["header", "hero", "body", "footer"]) {
      const block = spec[name];
      if (!block) continue;
      const wrap = el("div", "flex-block flex-block-" + name);
      wrap.style.padding = BLOCK_PADDING[name] + "px";
      const style = styles[name] || {};
      if (style.backgroundColor) wrap.style.backgroundColor = style.backgroundColor;
      if (style.separator && name !== "header") wrap.style.borderTop = `1px solid ${style.separatorColor || "#e5e7eb"}`;
      const drawn = component(block, "vertical", onAction);
      if (block.type === "box") {
        // a block's own box carries the block's background and padding
        if (block.backgroundColor) wrap.style.backgroundColor = block.backgroundColor;
        if (block.paddingAll || block.paddingTop || block.paddingBottom || block.paddingStart || block.paddingEnd) wrap.style.padding = "0";
      } else {
        wrap.style.padding = "0";
      }
      if (drawn) {
        drawn.style.flex = "1 0 auto";
        wrap.appendChild(drawn);
      }
      node.appendChild(wrap);
    }
    clickable(node, spec.action, onAction);
    return node;
  }

  function flex(message, onAction) {
    const contents = message.contents || {};
    if (contents.type === "carousel") {
      const node = el("div", "flex-carousel");
      (contents.contents || []).forEach((b) => node.appendChild(bubble(b, onAction)));
      return node;
    }
    return bubble(contents, onAction);
  }

  /* -- messages --------------------------------------------------------------------- */

  function render(message, onAction) {
    switch (message.type) {
      case "text": {
        const node = el("div", "bubble");
        node.textContent = message.text;
        return node;
      }
      case "flex": {
        const node = flex(message, onAction);
        node.setAttribute("aria-label", message.altText || "");
        node.dataset.altText = message.altText || "";
        return node;
      }
      case "image": {
        const node = el("img", "sent");
        node.src = message.previewImageUrl || message.originalContentUrl;
        return node;
      }
      case "sticker": {
        const node = el("div", "bubble");
        node.textContent = "(sticker)";
        return node;
      }
      default: {
        const node = el("div", "bubble");
        node.textContent = `[${message.type}] ${message.altText || ""}`;
        return node;
      }
    }
  }

  window.FlexRenderer = { render };
})();

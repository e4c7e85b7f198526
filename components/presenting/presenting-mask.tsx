"use client";

import { useLayoutEffect } from "react";
import { maskText } from "@/lib/presenting/mask";

const ATTRIBUTES = ["aria-label", "title", "placeholder"];

/**
 * Presenting mode's masking, done in the browser on everything the page shows (text and
 * accessible labels), and again on every change, so no page has to know about it. The content
 * stays hidden (CSS on [data-presenting]) until the first pass has run.
 */
export function PresentingMask({ secrets }: { secrets: string[] }) {
  useLayoutEffect(() => {
    const root = document.querySelector<HTMLElement>('[data-presenting="on"]');
    if (!root) return;
    const maskNode = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        const text = node.nodeValue ?? "";
        const masked = maskText(text, secrets);
        if (masked !== text) node.nodeValue = masked;
        return;
      }
      if (node instanceof Element) {
        if (node.tagName === "SCRIPT" || node.tagName === "STYLE") return;
        for (const name of ATTRIBUTES) {
          const value = node.getAttribute(name);
          if (value !== null) {
            const masked = maskText(value, secrets);
            if (masked !== value) node.setAttribute(name, masked);
          }
        }
        node.childNodes.forEach(maskNode);
      }
    };
    maskNode(root);
    root.setAttribute("data-masked", "yes");
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === "characterData") maskNode(record.target);
        else if (record.type === "attributes") maskNode(record.target);
        else record.addedNodes.forEach(maskNode);
      }
    });
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES });
    return () => observer.disconnect();
  }, [secrets]);
  return null;
}

import type { ComponentChildren } from "preact";
import { useLayoutEffect, useRef } from "preact/hooks";

/**
 * A step's title. When a step opens after a choice, the focus moves to its
 * title: a screen reader says where the person now is, and the keyboard goes
 * on from there instead of from a button that has gone. Not on the page's
 * first step, where the focus belongs to the browser. A layout effect: the focus
 * moves in the same task as the step appears, never a frame after its buttons.
 */
export function StepHeading(props: { children: ComponentChildren; takeFocus: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    if (props.takeFocus) heading.current?.focus();
  }, []);
  return (
    <h1 ref={heading} tabIndex={-1} class="step__title" id="step-title">
      {props.children}
    </h1>
  );
}

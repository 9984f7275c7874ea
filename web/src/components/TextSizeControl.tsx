import { Button, ButtonGroup } from '@trussworks/react-uswds';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyTextSize, readTextSize, storeTextSize, textSizes, type TextSize } from './text-size';

const labelKeys = {
  small: 'settings.textSizeSmall',
  medium: 'settings.textSizeMedium',
  large: 'settings.textSizeLarge',
} as const;

// A segmented group of toggle buttons: each says whether it is the current size (aria-pressed),
// and the group is named by its visible label.
export function TextSizeControl() {
  const { t } = useTranslation();
  const labelId = useId();
  const [size, setSize] = useState<TextSize>(readTextSize);

  const choose = (next: TextSize) => {
    setSize(next);
    applyTextSize(next);
    storeTextSize(next);
  };

  return (
    <div className="rc-text-size" role="group" aria-labelledby={labelId}>
      <span id={labelId} className="rc-text-size__label">
        {t('settings.textSize')}
      </span>
      <ButtonGroup type="segmented" className="rc-text-size__options">
        {textSizes.map((option) => (
          <Button
            key={option}
            type="button"
            outline={option !== size}
            className="rc-text-size__button"
            aria-pressed={option === size}
            data-text-size={option}
            onClick={() => choose(option)}
          >
            {t(labelKeys[option])}
          </Button>
        ))}
      </ButtonGroup>
    </div>
  );
}
